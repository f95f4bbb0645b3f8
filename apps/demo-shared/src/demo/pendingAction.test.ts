import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../testing/memoryStorage.js'
import { pendingActionStorageKey, savePendingAction, takePendingAction } from './pendingAction.js'

describe('pendingAction', () => {
  it('round-trips once', () => {
    const storage = memoryStorage()
    const action = {
      method: 'signAndSendTransaction',
      recipient: 'R',
      lamports: 10,
      balanceBefore: 99,
    } as const
    savePendingAction(storage, action)
    expect(takePendingAction(storage)).toEqual(action)
    expect(takePendingAction(storage)).toBeNull()
  })

  it('ignores entries it did not write', () => {
    const storage = memoryStorage()
    for (const raw of [
      '{',
      '{"method":"signMessage"}',
      '{"method":"drop"}',
      '{"method":"signAllTransactions","count":"2"}',
    ]) {
      storage.items.set(pendingActionStorageKey, raw)
      expect(takePendingAction(storage)).toBeNull()
    }
    expect(takePendingAction(undefined)).toBeNull()
  })
})
