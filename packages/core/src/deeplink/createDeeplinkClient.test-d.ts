import { expectTypeOf, test } from 'vitest'
import type { DeeplinkClient, DeeplinkResponse } from './deeplinkClient.js'
import type { JsonValue } from './walletResponse.js'

// Checked by `tsc` (pnpm typecheck): the result types are part of the API's promise.
test('action results', () => {
  expectTypeOf<ReturnType<DeeplinkClient['connect']>>().resolves.toEqualTypeOf<{
    publicKey: string
    session: string
    sessionVerified: boolean
  }>()
  expectTypeOf<ReturnType<DeeplinkClient['signMessage']>>().resolves.toEqualTypeOf<{
    signature: Uint8Array
  }>()
  expectTypeOf<ReturnType<DeeplinkClient['signTransaction']>>().resolves.toEqualTypeOf<{
    transaction: Uint8Array
  }>()
  expectTypeOf<ReturnType<DeeplinkClient['signAllTransactions']>>().resolves.toEqualTypeOf<{
    transactions: Uint8Array[]
  }>()
  expectTypeOf<ReturnType<DeeplinkClient['signAndSendTransaction']>>().resolves.toEqualTypeOf<{
    transactionSignature: string
  }>()
  expectTypeOf<ReturnType<DeeplinkClient['disconnect']>>().resolves.toEqualTypeOf<null>()
})

test('a delivered result narrows on its method', () => {
  const narrow = (result: DeeplinkResponse) => {
    if (result.method === 'signAllTransactions')
      expectTypeOf(result.result.transactions).toEqualTypeOf<Uint8Array[]>()
    if (result.method === 'connect') expectTypeOf(result.result.publicKey).toEqualTypeOf<string>()
    if (result.method === 'disconnect') expectTypeOf(result.result).toEqualTypeOf<null>()
  }
  expectTypeOf(narrow).parameter(0).toEqualTypeOf<DeeplinkResponse>()
})

test('an answer carries its request id, wallet and context', () => {
  expectTypeOf<DeeplinkResponse['requestId']>().toEqualTypeOf<string>()
  expectTypeOf<DeeplinkResponse['wallet']>().toEqualTypeOf<string | null>()
  expectTypeOf<DeeplinkResponse['context']>().toEqualTypeOf<JsonValue | undefined>()
})
