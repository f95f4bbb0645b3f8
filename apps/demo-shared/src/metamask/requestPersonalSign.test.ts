import { hexToString } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { requestPersonalSign } from './requestPersonalSign.js'

// A small EIP-1193 provider over a real local key (a fixed test key, never a real account).
function localProvider(privateKeyByte: string, reportedAddress?: string) {
  const account = privateKeyToAccount(`0x${privateKeyByte.repeat(32)}`)
  const requests: { method: string; params?: unknown }[] = []
  return {
    account,
    requests,
    async request(args: { method: string; params?: unknown }): Promise<unknown> {
      requests.push(args)
      if (args.method === 'eth_requestAccounts') return [reportedAddress ?? account.address.toLowerCase()]
      if (args.method === 'personal_sign') {
        const [data] = args.params as [`0x${string}`, string]
        return account.signMessage({ message: { raw: data } })
      }
      throw new Error(`unexpected ${args.method}`)
    },
  }
}

describe('requestPersonalSign', () => {
  it('sends the message hex-encoded to the reported account and verifies the signer', async () => {
    const provider = localProvider('11')
    const result = await requestPersonalSign(provider, 'Hello from the demo')
    expect(result.verified).toBe(true)
    expect(result.recoveredAddress).toBe(provider.account.address)
    expect(provider.requests.map((request) => request.method)).toEqual([
      'eth_requestAccounts',
      'personal_sign',
    ])
    const [data, address] = provider.requests[1]!.params as [`0x${string}`, string]
    expect(hexToString(data)).toBe('Hello from the demo')
    expect(address).toBe(provider.account.address.toLowerCase())
  })

  it('is not verified when another key signed than the account reported', async () => {
    const other = privateKeyToAccount(`0x${'22'.repeat(32)}`).address
    const result = await requestPersonalSign(localProvider('11', other), 'Hello')
    expect(result.verified).toBe(false)
    expect(result.address).toBe(other)
  })

  it('reports a provider without accounts', async () => {
    await expect(requestPersonalSign({ request: async () => [] }, 'Hello')).rejects.toThrow(
      'The Ethereum provider reported no account.',
    )
  })
})
