import { describe, expect, it } from 'vitest'
import { createMapStorage } from '../test/createMapStorage.js'
import { answeredNoncesStorageKey, createAnsweredNonceLog } from './createAnsweredNonceLog.js'

describe('createAnsweredNonceLog', () => {
  it('remembers nonces across instances over the same storage', () => {
    const storage = createMapStorage()
    createAnsweredNonceLog(storage).add('nonce-a')
    const log = createAnsweredNonceLog(storage)
    expect(log.has('nonce-a')).toBe(true)
    expect(log.has('nonce-b')).toBe(false)
  })

  it('forgets the oldest nonces past its bound', () => {
    const log = createAnsweredNonceLog(createMapStorage(), 3)
    for (const nonce of ['1', '2', '3', '4']) log.add(nonce)
    expect(['1', '2', '3', '4'].map((nonce) => log.has(nonce))).toEqual([false, true, true, true])
  })

  it('starts over from a corrupted entry', () => {
    const storage = createMapStorage()
    storage.setItem(answeredNoncesStorageKey, '{not json')
    const log = createAnsweredNonceLog(storage)
    expect(log.has('x')).toBe(false)
    log.add('x')
    expect(log.has('x')).toBe(true)
  })
})
