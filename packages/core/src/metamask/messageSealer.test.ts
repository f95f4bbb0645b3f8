import { decrypt as decrypt0417, encrypt as encrypt0417, PrivateKey } from 'eciesjs-0417'
import { describe, expect, it } from 'vitest'
import { DecryptionError } from '../errors/deeplink.js'
import { MalformedPublicationError } from '../errors/metamask.js'
import { createMessageSealer } from './messageSealer.js'
import { openProtocolMessage } from './protocolMessage.js'

// MetaMask pins eciesjs 0.4.17: what we seal, it opens, and what it seals, we open.
const walletKey = new PrivateKey()
const dappKey = new PrivateKey()

describe('payloads against eciesjs 0.4.17', () => {
  it('seals messages eciesjs 0.4.17 opens, each with a fresh ephemeral key', async () => {
    const sealer = createMessageSealer(walletKey.publicKey.toBytes(true))
    const message = {
      type: 'message' as const,
      payload: { name: 'metamask-multichain-provider', data: { id: 1 } },
    }
    const first = Buffer.from(await sealer.seal(message), 'base64')
    const second = Buffer.from(await sealer.seal(message), 'base64')
    expect(JSON.parse(Buffer.from(decrypt0417(walletKey.secret, first)).toString())).toEqual(message)
    expect(JSON.parse(Buffer.from(decrypt0417(walletKey.secret, second)).toString())).toEqual(message)
    expect(first.subarray(0, 65).equals(second.subarray(0, 65))).toBe(false)
  })

  it('opens what eciesjs 0.4.17 seals, and refuses tampered or misdirected payloads with typed errors', async () => {
    const offer = { type: 'handshake-offer', payload: { publicKeyB64: 'AA==', channelId: 'c' } }
    const sealed = Buffer.from(
      encrypt0417(dappKey.publicKey.toBytes(true), Buffer.from(JSON.stringify(offer))),
    )
    expect(await openProtocolMessage(dappKey.secret, sealed.toString('base64'))).toEqual(offer)
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1]! ^= 1
    await expect(openProtocolMessage(dappKey.secret, tampered.toString('base64'))).rejects.toBeInstanceOf(
      DecryptionError,
    )
    await expect(openProtocolMessage(walletKey.secret, sealed.toString('base64'))).rejects.toBeInstanceOf(
      DecryptionError,
    )
    await expect(openProtocolMessage(dappKey.secret, 'not base64!')).rejects.toBeInstanceOf(DecryptionError)
    const notAMessage = Buffer.from(
      encrypt0417(dappKey.publicKey.toBytes(true), Buffer.from('{"type":"other"}')),
    )
    await expect(openProtocolMessage(dappKey.secret, notAMessage.toString('base64'))).rejects.toBeInstanceOf(
      MalformedPublicationError,
    )
  })
})
