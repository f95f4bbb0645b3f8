import { describe, expect, it } from 'vitest'
import { readDemoContext } from './demoContext.js'

describe('readDemoContext', () => {
  it('accepts the context the demo wrote for the method', () => {
    expect(readDemoContext('signMessage', { method: 'signMessage', message: 'hi' })).toEqual({
      method: 'signMessage',
      message: 'hi',
    })
    expect(
      readDemoContext('signAndSendTransaction', {
        method: 'signAndSendTransaction',
        recipient: 'R',
        lamports: 1,
        balanceBefore: 2,
      }),
    ).not.toBeNull()
  })

  it('refuses another method, missing fields and non-objects', () => {
    expect(readDemoContext('signMessage', { method: 'signTransaction' })).toBeNull()
    expect(readDemoContext('signMessage', { method: 'signMessage' })).toBeNull()
    expect(readDemoContext('signAllTransactions', { method: 'signAllTransactions', count: 1.5 })).toBeNull()
    expect(readDemoContext('signMessage', 'signMessage')).toBeNull()
    expect(readDemoContext('signMessage', undefined)).toBeNull()
  })
})
