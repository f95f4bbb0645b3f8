import { describe, expect, it } from 'vitest'
import { createMwpMemorySessionStore } from './memorySessionStore.js'

const session = (id: string, expiresAt = Date.now() + 60_000) => ({
  id,
  channel: `session:${id}`,
  keyPair: { publicKey: new Uint8Array(33), privateKey: new Uint8Array(32) },
  theirPublicKey: new Uint8Array(33),
  expiresAt,
})

describe('createMwpMemorySessionStore', () => {
  it('keeps sessions until they expire or are deleted, at most maxSessions (oldest evicted)', async () => {
    const store = createMwpMemorySessionStore(2)
    await store.set(session('a'))
    await store.set(session('b'))
    await store.set(session('c'))
    expect((await store.list()).map((entry) => entry.id)).toEqual(['b', 'c'])
    expect(await store.get('a')).toBeNull()
    await store.delete('b')
    expect(await store.get('b')).toBeNull()
    await store.set(session('old', Date.now() - 1))
    expect(await store.get('old')).toBeNull()
    expect((await store.get('c'))?.channel).toBe('session:c')
  })
})
