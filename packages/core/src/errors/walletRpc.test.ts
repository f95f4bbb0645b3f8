import { describe, expect, it } from 'vitest'
import { DapplinkError } from './base.js'
import {
  createWalletRpcError,
  InternalWalletError,
  InvalidInputError,
  MethodNotFoundError,
  ResourceUnavailableError,
  TransactionRejectedError,
  UnauthorizedError,
  UserRejectedRequestError,
  WalletDisconnectedError,
  WalletRpcError,
  walletRpcErrorClasses,
} from './walletRpc.js'

describe('createWalletRpcError', () => {
  it.each([
    [4001, UserRejectedRequestError],
    [4100, UnauthorizedError],
    [4900, WalletDisconnectedError],
    [-32000, InvalidInputError],
    [-32002, ResourceUnavailableError],
    [-32003, TransactionRejectedError],
    [-32601, MethodNotFoundError],
    [-32603, InternalWalletError],
  ])('maps %i to its class', (code, ErrorClass) => {
    const error = createWalletRpcError(code, 'from the wallet')
    expect(error).toBeInstanceOf(ErrorClass)
    expect(error).toBeInstanceOf(WalletRpcError)
    expect(error).toBeInstanceOf(DapplinkError)
    expect(error.code).toBe(code)
    expect(error.name).toBe(ErrorClass.name)
    expect(error.walletMessage).toBe('from the wallet')
    expect(error.details).toContain('from the wallet')
    expect(ErrorClass.code).toBe(code)
  })

  it('has exactly the eight protocol codes in its table', () => {
    expect(
      Object.keys(walletRpcErrorClasses)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([-32603, -32601, -32003, -32002, -32000, 4001, 4100, 4900])
  })

  it('gives a plain WalletRpcError carrying an unknown code', () => {
    const error = createWalletRpcError(-32099)
    expect(error.constructor).toBe(WalletRpcError)
    expect(error.name).toBe('WalletRpcError')
    expect(error.code).toBe(-32099)
    expect(error.shortMessage).toContain('-32099')
  })
})

describe('wallet RPC error classes', () => {
  it.each(Object.values(walletRpcErrorClasses).map((ErrorClass) => [ErrorClass.name, ErrorClass] as const))(
    '%s takes a caller-given short message instead of its default',
    (_name, ErrorClass) => {
      const error = new ErrorClass({ shortMessage: 'The wallet said something specific.' })
      expect(error.shortMessage).toBe('The wallet said something specific.')
    },
  )
})
