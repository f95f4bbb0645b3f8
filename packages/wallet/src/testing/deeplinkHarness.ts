import { type CreateWalletClientParameters, createMemoryStorage, defineWalletProfile } from '@dapplink/core'
import nacl from 'tweetnacl'
import { createDeeplinkWallet } from '../index.js'
import { firstSignatureSender } from './firstSignatureSender.js'

/** A wallet profile served by `@dapplink/wallet` in the test, under a test-only host. */
export const referenceWallet = defineWalletProfile({
  id: 'reference',
  name: 'Reference wallet',
  baseUrl: 'https://wallet.test/ul/v1/',
  encryptionPublicKeyParam: 'phantom_encryption_public_key',
})

/**
 * A real deeplink wallet (`@dapplink/wallet`) and a dapp config whose `navigate` captures the deeplinks
 * instead of leaving the page, so the test plays the phone: parse, approve or reject, come back.
 */
export function createDeeplinkHarness() {
  const account = nacl.sign.keyPair()
  const wallet = createDeeplinkWallet({
    account,
    baseUrl: referenceWallet.baseUrl,
    sendTransaction: firstSignatureSender,
  })
  const opened: string[] = []
  const storage = createMemoryStorage()
  const config: CreateWalletClientParameters = {
    appUrl: 'https://dapp.test',
    redirectLink: 'https://dapp.test/app',
    wallets: [referenceWallet],
    storage,
    navigate: (url) => {
      opened.push(url)
    },
  }
  const lastRequest = () => {
    const url = opened.at(-1)
    if (!url) throw new Error('the dapp opened no deeplink')
    return wallet.parse(url)
  }
  return {
    account,
    wallet,
    opened,
    storage,
    config,
    /** The wallet approves the last deeplink; resolves with the redirect URL back to the dapp. */
    approveLast: async () => wallet.approve(await lastRequest()),
    /** The user rejects the last deeplink (4001). */
    rejectLast: async () => wallet.reject(await lastRequest()),
  }
}
