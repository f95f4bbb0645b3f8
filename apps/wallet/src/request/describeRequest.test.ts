import type { WalletRequest } from '@dapplink/wallet'
import { Keypair, SystemProgram, Transaction } from '@solana/web3.js'
import { describe, expect, it } from 'vitest'
import { describeDeeplinkRequest, describeRelayRequest } from './describeRequest.js'

const common = {
  appUrl: 'https://dapp.example:8443/app',
  appIdentity: 'https://dapp.example:8443',
  appUrlVerified: true,
  cluster: 'devnet' as const,
  redirectLink: 'https://dapp.example/return',
  dappEncryptionPublicKey: 'key',
}

function transfer(lamports: number): { bytes: Uint8Array; payer: string; recipient: string } {
  const payer = Keypair.generate().publicKey
  const recipient = Keypair.generate().publicKey
  const transaction = new Transaction({ feePayer: payer, recentBlockhash: payer.toBase58() })
  transaction.add(SystemProgram.transfer({ fromPubkey: payer, toPubkey: recipient, lamports }))
  const bytes = transaction.serialize({ requireAllSignatures: false, verifySignatures: false })
  return { bytes, payer: payer.toBase58(), recipient: recipient.toBase58() }
}

describe('describeDeeplinkRequest', () => {
  it('names a deeplink dapp by the host of its URL', () => {
    const view = describeDeeplinkRequest({ ...common, method: 'connect' })
    expect(view).toMatchObject({
      method: 'connect',
      appName: 'dapp.example:8443',
      appUrl: common.appUrl,
      cluster: 'devnet',
    })
  })

  it('shows a message as text and hex', () => {
    const message = new TextEncoder().encode('Sign in')
    const request: WalletRequest = {
      ...common,
      method: 'signMessage',
      message,
      display: 'utf8',
      text: 'Sign in',
      hex: '5369676e20696e',
    }
    expect(describeDeeplinkRequest(request).message).toEqual({
      text: 'Sign in',
      hex: '5369676e20696e',
      display: 'utf8',
    })
  })

  it('summarizes the transaction of signAndSendTransaction and says it sends', () => {
    const { bytes, payer, recipient } = transfer(42)
    const request: WalletRequest = {
      ...common,
      method: 'signAndSendTransaction',
      transaction: {
        bytes,
        version: 'legacy',
        feePayer: payer,
        signers: [payer],
        signerIndex: 0,
        instructionCount: 1,
      },
      sendOptions: undefined,
    }
    const view = describeDeeplinkRequest(request)
    expect(view.sends).toBe(true)
    expect(view.transactions[0]?.transfers).toEqual([
      { source: payer, destination: recipient, lamports: 42n },
    ])
  })
})

describe('describeRelayRequest', () => {
  const dapp = { name: 'Hint name', url: 'https://hint.example', icon: undefined, verified: false } as const

  it('takes connect values over the pairing hints', () => {
    const view = describeRelayRequest(
      {
        method: 'connect',
        params: { appName: 'Real dapp', appUrl: 'https://real.example', cluster: 'devnet' },
      },
      dapp,
      '123456',
    )
    expect(view).toMatchObject({
      appName: 'Real dapp',
      appUrl: 'https://real.example',
      cluster: 'devnet',
      verificationCode: '123456',
    })
  })

  it('shows non-UTF-8 bytes as hex only', () => {
    const view = describeRelayRequest(
      {
        method: 'signMessage',
        params: { message: new Uint8Array([0xff, 0x00]), display: 'hex', text: undefined, hex: 'ff00' },
      },
      dapp,
    )
    expect(view.message).toEqual({ text: undefined, hex: 'ff00', display: 'hex' })
    expect(view.appName).toBe('Hint name')
  })

  it('summarizes every transaction of signAllTransactions', () => {
    const view = describeRelayRequest(
      {
        method: 'signAllTransactions',
        params: { transactions: [transfer(1).bytes, new Uint8Array([1, 2, 3])] },
      },
      { name: undefined, url: undefined, icon: undefined, verified: false },
    )
    expect(view.appName).toBe('Unknown app')
    expect(view.transactions).toHaveLength(2)
    expect(view.transactions[0]?.transfers[0]?.lamports).toBe(1n)
    expect(view.transactions[1]).toBeUndefined()
  })
})

describe('unverified identities', () => {
  it('flags every relay dapp as an unverified claim, connect values included', () => {
    const view = describeRelayRequest(
      { method: 'connect', params: { appName: 'Jupiter', appUrl: 'https://jup.ag' } },
      { name: 'Jupiter', url: 'https://jup.ag', icon: undefined, verified: false },
    )
    expect(view).toMatchObject({ appName: 'Jupiter', appVerified: false })
    expect(view.unverifiedReason).toMatch(/cannot check/)
  })

  it('names a custom-scheme deeplink dapp by its scheme, flagged', () => {
    const view = describeDeeplinkRequest({
      ...common,
      appUrl: 'https://jup.ag',
      appIdentity: 'jupiter:',
      appUrlVerified: false,
      redirectLink: 'jupiter://done',
      method: 'connect',
    })
    expect(view).toMatchObject({ appName: 'jupiter:// app', appVerified: false })
    expect(view.unverifiedReason).toMatch(/jupiter:/)
  })

  it('a deeplink answered on its own origin is verified', () => {
    expect(describeDeeplinkRequest({ ...common, method: 'connect' })).toMatchObject({ appVerified: true })
  })
})
