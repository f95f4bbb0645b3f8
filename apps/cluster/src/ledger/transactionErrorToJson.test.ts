import { describe, expect, it } from 'vitest'
import { namedTransactionError, transactionErrorToJson } from './transactionErrorToJson.js'

describe('transactionErrorToJson', () => {
  it('names fieldless errors by their Solana discriminant', () => {
    expect(transactionErrorToJson(2)).toEqual({
      json: 'AccountNotFound',
      message: 'Attempt to debit an account but found no record of a prior credit.',
    })
    expect(transactionErrorToJson(6).json).toBe('AlreadyProcessed')
    expect(transactionErrorToJson(7).json).toBe('BlockhashNotFound')
    expect(transactionErrorToJson(11).json).toBe('SignatureFailure')
    expect(transactionErrorToJson(34).json).toBe('CommitCancelled')
  })

  it('falls back to a readable name for discriminants it does not know', () => {
    expect(transactionErrorToJson(99 as never).json).toBe('TransactionError99')
  })

  it('gives fieldless names their Display text or the name itself', () => {
    expect(namedTransactionError('BlockhashNotFound')).toEqual({
      json: 'BlockhashNotFound',
      message: 'Blockhash not found',
    })
    expect(namedTransactionError('CallChainTooDeep').message).toBe('CallChainTooDeep')
  })
})
