import { describe, expect, it } from 'vitest'
import { createAnsweredNonces, maxAnsweredNonces } from './answeredNonces.js'

describe('createAnsweredNonces', () => {
  it('remembers answered nonces', () => {
    const nonces = createAnsweredNonces()
    nonces.add('n1')
    expect([nonces.has('n1'), nonces.has('n2'), nonces.size]).toEqual([true, false, 1])
  })

  it('forgets the oldest nonce once full, and stays at its capacity', () => {
    const nonces = createAnsweredNonces(3)
    for (const nonce of ['a', 'b', 'c', 'd']) nonces.add(nonce)
    expect(['a', 'b', 'c', 'd'].map((nonce) => nonces.has(nonce))).toEqual([false, true, true, true])
    expect(nonces.size).toBe(3)
  })

  it('holds 4096 nonces by default', () => {
    const nonces = createAnsweredNonces()
    for (let index = 0; index <= maxAnsweredNonces; index++) nonces.add(String(index))
    expect([maxAnsweredNonces, nonces.size, nonces.has('0'), nonces.has('1')]).toEqual([
      4096,
      4096,
      false,
      true,
    ])
  })
})
