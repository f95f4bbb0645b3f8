import { describe, expect, it } from 'vitest'
import { deriveSessionStatus, isPeerMissing, type SessionStatusInputs } from './sessionStatus.js'

const open: SessionStatusInputs = {
  cleared: false,
  selfPaused: false,
  handshake: 'complete',
  joined: true,
  everJoined: true,
  peerPaused: false,
  peerPresent: true,
}

describe('deriveSessionStatus', () => {
  it.each<[string, Partial<SessionStatusInputs>, string, boolean]>([
    [
      'a fresh session',
      { handshake: 'notStarted', joined: false, everJoined: false, peerPresent: false },
      'connecting',
      false,
    ],
    ['joined, no HELLO yet', { handshake: 'notStarted', peerPresent: false }, 'connecting', false],
    ['a HELLO was sent or accepted', { handshake: 'started' }, 'handshaking', false],
    ['lost the relay during the handshake', { handshake: 'started', joined: false }, 'reconnecting', false],
    ['open, both present', {}, 'connected', false],
    ['open, the relay dropped us', { joined: false }, 'reconnecting', true],
    ['open, the peer is away without pause', { peerPresent: false }, 'reconnecting', true],
    ['open, the peer said pause', { peerPaused: true, peerPresent: false }, 'paused', false],
    ['this wallet paused', { selfPaused: true, joined: false }, 'paused', false],
    ['cleared wins over everything', { cleared: true, selfPaused: true }, 'cleared', false],
  ])('%s → %s', (_name, patch, status, peerMissing) => {
    const inputs = { ...open, ...patch }
    expect(deriveSessionStatus(inputs)).toBe(status)
    expect(isPeerMissing(inputs)).toBe(peerMissing)
  })
})
