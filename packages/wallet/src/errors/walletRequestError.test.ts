import { DapplinkError } from '@dapplink/core'
import { expect, test } from 'vitest'
import { deeplinkErrorCodes, defaultErrorMessage, isDeeplinkErrorCode } from './codes.js'
import {
  DecryptionError,
  InternalWalletError,
  InvalidRequestError,
  MethodNotFoundError,
  ReplayError,
  TransactionRejectedError,
  UnauthorizedError,
  WalletRequestError,
} from './walletRequestError.js'

test.each([
  [InvalidRequestError, -32000],
  [DecryptionError, -32000],
  [ReplayError, -32000],
  [MethodNotFoundError, -32601],
  [UnauthorizedError, 4100],
  [TransactionRejectedError, -32003],
  [InternalWalletError, -32603],
] as const)('%o carries its protocol code and name', (ErrorClass, code) => {
  const cause = new Error('root')
  const error = new ErrorClass('What happened.', {
    details: 'What to do.',
    cause,
    redirectLink: 'myapp://cb',
  })
  expect(error).toBeInstanceOf(WalletRequestError)
  expect(error).toBeInstanceOf(DapplinkError)
  expect(error.name).toBe(ErrorClass.name)
  expect(error).toMatchObject({
    code,
    shortMessage: 'What happened.',
    details: 'What to do.',
    redirectLink: 'myapp://cb',
    cause,
  })
  expect(error.message).toBe('What happened.\n\nDetails: What to do.')
})

test('codes and default messages', () => {
  expect(Object.values(deeplinkErrorCodes).every(isDeeplinkErrorCode)).toBe(true)
  expect(isDeeplinkErrorCode(4002)).toBe(false)
  expect(isDeeplinkErrorCode('4001')).toBe(false)
  expect(defaultErrorMessage(4001)).toBe('User rejected the request.')
})

test('one name, one class: the names core exports are core classes here too', async () => {
  const core = await import('@dapplink/core')
  const pairs = [
    [DecryptionError, core.DecryptionError],
    [ReplayError, core.ReplayError],
    [UnauthorizedError, core.UnauthorizedError],
    [TransactionRejectedError, core.TransactionRejectedError],
    [MethodNotFoundError, core.MethodNotFoundError],
    [InternalWalletError, core.InternalWalletError],
  ] as const
  for (const [WalletClass, CoreClass] of pairs) {
    const error = new WalletClass('Refused.')
    expect(error).toBeInstanceOf(CoreClass)
    expect(error).toBeInstanceOf(WalletRequestError)
    expect(error.name).toBe(CoreClass.name)
  }
  // The base class's brand check does not make every core error a wallet request error.
  expect(new core.DecryptionError()).not.toBeInstanceOf(WalletRequestError)
  expect(new InvalidRequestError('Bad.')).not.toBeInstanceOf(MethodNotFoundError)
})
