import { evmAddress } from '@dapplink/wallet/metamask'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { deriveEvmSecretKey } from './deriveEvmSecretKey.js'

describe('deriveEvmSecretKey', () => {
  it('gives the same 32-byte key for the same Solana account and another for another account', async () => {
    const account = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7))
    const key = await deriveEvmSecretKey(account.secretKey)
    expect(key).toHaveLength(32)
    expect(await deriveEvmSecretKey(account.secretKey.slice())).toEqual(key)
    const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(8))
    expect(await deriveEvmSecretKey(other.secretKey)).not.toEqual(key)
    // Not the seed itself: the EVM key reveals nothing of the Solana one.
    expect(key).not.toEqual(account.secretKey.subarray(0, 32))
    expect(evmAddress(key)).toMatch(/^0x[0-9a-fA-F]{40}$/)
  })
})
