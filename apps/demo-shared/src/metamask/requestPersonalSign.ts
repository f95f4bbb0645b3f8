import { toHex } from 'viem'
import { type PersonalSignCheck, verifyPersonalSign } from '../crypto/verifyPersonalSign.js'

/** A checked `personal_sign` answer: who was asked, what came back, who actually signed. */
export type PersonalSignResult = PersonalSignCheck & {
  message: string
  /** The account the provider reported (`eth_requestAccounts`). */
  address: string
  signature: string
}

/** The part of an EIP-1193 provider this needs (`client.getEthereumProvider()` has it). */
export type RequestOnlyProvider = { request(args: { method: string; params?: unknown }): Promise<unknown> }

/**
 * Asks the EIP-1193 provider for its account and a `personal_sign` of `message` (sent hex-encoded, as MetaMask
 * dapps do), then recovers the signer in the page.
 *
 * @example const result = await requestPersonalSign(client.getEthereumProvider(), 'Hello')
 */
export async function requestPersonalSign(
  provider: RequestOnlyProvider,
  message: string,
): Promise<PersonalSignResult> {
  const accounts = await provider.request({ method: 'eth_requestAccounts' })
  const address = Array.isArray(accounts) ? accounts[0] : undefined
  if (typeof address !== 'string') throw new TypeError('The Ethereum provider reported no account.')
  const signature = await provider.request({ method: 'personal_sign', params: [toHex(message), address] })
  if (typeof signature !== 'string')
    throw new TypeError('personal_sign did not answer with a signature string.')
  return { message, address, signature, ...(await verifyPersonalSign({ message, signature, address })) }
}
