import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { verifyPersonalSign } from './verifyPersonalSign.js'

// A fixed test key (never a real account): the signature is deterministic (RFC 6979).
const account = privateKeyToAccount(`0x${'11'.repeat(32)}`)

describe('verifyPersonalSign', () => {
  it('recovers the signer of a personal_sign signature', async () => {
    const signature = await account.signMessage({ message: 'Hello from the demo' })
    const check = await verifyPersonalSign({
      message: 'Hello from the demo',
      signature,
      address: account.address.toLowerCase(),
    })
    expect(check).toEqual({ recoveredAddress: account.address, verified: true })
  })

  it('is not verified for another message, another account or a malformed signature', async () => {
    const signature = await account.signMessage({ message: 'Hello from the demo' })
    const other = privateKeyToAccount(`0x${'22'.repeat(32)}`).address
    expect(
      (await verifyPersonalSign({ message: 'Hello!', signature, address: account.address })).verified,
    ).toBe(false)
    expect(
      (await verifyPersonalSign({ message: 'Hello from the demo', signature, address: other })).verified,
    ).toBe(false)
    expect(await verifyPersonalSign({ message: 'x', signature: '0x1234', address: account.address })).toEqual(
      {
        recoveredAddress: '',
        verified: false,
      },
    )
  })
})
