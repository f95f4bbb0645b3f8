// Loaded with import() when a deeplink wallet is first used (also by wallet-adapter's silent autoConnect
// after the wallet sent the user back): one wallet client shared by every deeplink wallet, since the
// stored deeplink session is one per dapp.

import {
  backpack,
  createWalletClient,
  phantom,
  solflare,
  UnknownWalletProfileError,
  type WalletClient,
  type WalletProfile,
} from '@dapplink/core'
import type { DapplinkAppParameters, DeeplinkWalletsParameters } from '../registerDapplinkWallets.js'
import { createDeeplinkSession } from './createDeeplinkSession.js'
import type { WalletSession } from './walletSession.js'

const builtInProfiles: Record<string, WalletProfile> = { phantom, solflare, backpack }

/** The deeplink wallet client of a registration; its profiles are the built-in ones named by id, or yours. */
export function createDeeplinkClient(
  app: DapplinkAppParameters,
  deeplink: DeeplinkWalletsParameters,
  profiles: readonly (string | WalletProfile)[],
): WalletClient {
  const { storage, redirectLink, navigate, options } = deeplink
  const wallets = profiles.map((profile) => {
    if (typeof profile !== 'string') return profile
    const builtIn = builtInProfiles[profile]
    if (!builtIn)
      throw new UnknownWalletProfileError({ wallet: profile, known: Object.keys(builtInProfiles) })
    return builtIn
  })
  return createWalletClient({
    ...app,
    wallets,
    storage,
    redirectLink,
    navigate,
    deeplink: options,
  })
}

/** The session of one deeplink wallet profile over the shared client. */
export function loadDeeplinkSession(client: WalletClient, profile: string): WalletSession {
  return createDeeplinkSession({ client, profile })
}
