import { encodeBase58 } from '@dapplink/core'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { verifyMessageSignature } from './verifyMessageSignature.js'

describe('verifyMessageSignature', () => {
  const account = nacl.sign.keyPair()
  const publicKey = encodeBase58(account.publicKey)
  const message = 'Sign in to the dapplink demo ✓'
  const signature = nacl.sign.detached(new TextEncoder().encode(message), account.secretKey)

  it('accepts the account signature of the message', () => {
    expect(verifyMessageSignature(message, signature, publicKey)).toBe(true)
  })

  it('refuses another message, another key, a flipped bit and bad lengths', () => {
    expect(verifyMessageSignature(`${message}!`, signature, publicKey)).toBe(false)
    expect(verifyMessageSignature(message, signature, encodeBase58(nacl.sign.keyPair().publicKey))).toBe(
      false,
    )
    const flipped = signature.slice()
    flipped[10] = flipped[10]! ^ 1
    expect(verifyMessageSignature(message, flipped, publicKey)).toBe(false)
    expect(verifyMessageSignature(message, signature.slice(0, 63), publicKey)).toBe(false)
    expect(verifyMessageSignature(message, signature, 'not-base58-0OIl')).toBe(false)
  })
})
