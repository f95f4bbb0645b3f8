import { describe, expect, it } from 'vitest'
import { evmAddress, personalSign, personalSignMessageBytes } from './evmSigner.js'

// Known answer from web3.js's documentation (web3.eth.accounts.sign('Some data', privateKey)).
const secretKey = Uint8Array.from(
  Buffer.from('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'hex'),
)

describe('evmSigner', () => {
  it('derives the checksummed address', () => {
    expect(evmAddress(secretKey)).toBe('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23')
  })

  it('signs EIP-191 personal messages as web3.js does', async () => {
    expect(await personalSign(secretKey, personalSignMessageBytes('Some data'))).toBe(
      '0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c',
    )
  })

  it('reads 0x-hex as bytes and anything else as UTF-8', () => {
    expect(Array.from(personalSignMessageBytes('0x536f6d65'))).toEqual([0x53, 0x6f, 0x6d, 0x65])
    expect(Array.from(personalSignMessageBytes('0x5'))).toEqual([0x30, 0x78, 0x35])
  })
})
