import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import { MalformedPublicationError } from '../errors/metamask.js'
import {
  createEnvelopeSealer,
  type NonceRecord,
  nonceWindow,
  parseEnvelope,
  screenEnvelope,
  sealEnvelope,
} from './envelope.js'

describe('parseEnvelope', () => {
  it('reads what sealEnvelope writes', () => {
    const envelope = { clientId: 'c1', nonce: 3, payload: 'AAAA' }
    expect(parseEnvelope(sealEnvelope(envelope))).toEqual(envelope)
  })

  it.each([
    ['an object instead of a string', { clientId: 'c', nonce: 1, payload: '' }],
    ['not JSON', '{'],
    ['no clientId', '{"nonce":1,"payload":""}'],
    ['a zero nonce', '{"clientId":"c","nonce":0,"payload":""}'],
    ['a fractional nonce', '{"clientId":"c","nonce":1.5,"payload":""}'],
    ['no payload', '{"clientId":"c","nonce":1}'],
    [
      'an oversized publication',
      JSON.stringify({ clientId: 'c', nonce: 1, payload: 'A'.repeat(1024 * 1024) }),
    ],
  ])('refuses %s', (_, data) => {
    expect(() => parseEnvelope(data)).toThrow(MalformedPublicationError)
  })

  it('throws only typed errors for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (data) => {
        try {
          parseEnvelope(data)
        } catch (error) {
          expect(error).toBeInstanceOf(DapplinkError)
        }
      }),
    )
  })
})

describe('screenEnvelope', () => {
  const empty: NonceRecord = new Map()
  const from = (clientId: string, nonce: number) => ({ clientId, nonce, payload: '' })

  it('accepts each (clientId, nonce) once, in any order, and drops a replay or a re-delivery', () => {
    const first = screenEnvelope(empty, from('wallet', 1), 'dapp', 'wallet')
    expect(first.verdict).toBe('accept')
    expect(screenEnvelope(first.record, from('wallet', 1), 'dapp', 'wallet').verdict).toBe('duplicate')
    const third = screenEnvelope(first.record, from('wallet', 3), 'dapp', 'wallet')
    expect(third.verdict).toBe('accept')
    // A forged high nonce does not hide the real, lower ones.
    const second = screenEnvelope(third.record, from('wallet', 2), 'dapp', 'wallet')
    expect(second.verdict).toBe('accept')
    expect(screenEnvelope(second.record, from('wallet', 2), 'dapp', 'wallet').verdict).toBe('duplicate')
    // The input record is not changed.
    expect(empty.size).toBe(0)
  })

  it('remembers a bounded window per sender; older nonces count as seen', () => {
    let record: NonceRecord = empty
    for (let nonce = 1; nonce <= nonceWindow + 10; nonce++)
      record = screenEnvelope(record, from('w', nonce), 'd', 'w').record
    expect(record.get('w')).toHaveLength(nonceWindow)
    expect(screenEnvelope(record, from('w', 5), 'd', 'w').verdict).toBe('duplicate')
    expect(screenEnvelope(record, from('w', nonceWindow + 11), 'd', 'w').verdict).toBe('accept')
  })

  it('drops its own echoes and, once the wallet is known, any other sender', () => {
    expect(screenEnvelope(empty, from('dapp', 1), 'dapp', undefined).verdict).toBe('own')
    expect(screenEnvelope(empty, from('stranger', 1), 'dapp', 'wallet').verdict).toBe('unknown-sender')
    expect(screenEnvelope(empty, from('stranger', 1), 'dapp', undefined).verdict).toBe('accept')
  })
})

describe('createEnvelopeSealer', () => {
  it('numbers the envelopes of each channel from 1, under our client id', () => {
    const seal = createEnvelopeSealer('me')
    const sealed = [seal('session:a', 'p1'), seal('session:a', 'p2'), seal('session:b', 'p3')].map(
      parseEnvelope,
    )
    expect(sealed).toEqual([
      { clientId: 'me', nonce: 1, payload: 'p1' },
      { clientId: 'me', nonce: 2, payload: 'p2' },
      { clientId: 'me', nonce: 1, payload: 'p3' },
    ])
  })
})
