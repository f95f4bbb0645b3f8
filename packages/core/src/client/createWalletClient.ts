import type { Cluster } from '../deeplink/cluster.js'
import type { DeeplinkStorage } from '../deeplink/deeplinkStorage.js'
import type { WalletProfile } from '../deeplink/walletProfile.js'
import { backpack, phantom, solflare } from '../deeplink/walletProfiles.js'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { createDeeplinkTransports } from './createDeeplinkTransports.js'
import type { MetamaskTransportParameters } from './createMetamaskTransport.js'
import type { RelayTransportParameters } from './createRelayTransport.js'
import { createWalletClientFromTransports, type WalletClient } from './createWalletClientFromTransports.js'
import { createRpcSender } from './sendSignedTransaction.js'

/** Relay options: the relay URL and, optionally, anything else `createRelaySession` takes. */
export type WalletClientRelayOptions = { url: string } & Partial<
  Omit<RelayTransportParameters, 'relayUrl' | 'app' | 'cluster'>
>

/**
 * MetaMask Mobile options (Mobile Wallet Protocol): the Centrifugo relay (default MetaMask's), EVM chains for
 * `getEthereumProvider()`, the pairing mode, timeouts. See docs/metamask.md.
 */
export type WalletClientMetamaskOptions = Partial<Omit<MetamaskTransportParameters, 'dapp' | 'cluster'>>

/** Deeplink options beyond the common ones, passed to `createDeeplinkClient`. */
export type WalletClientDeeplinkOptions = {
  /** Prefix of the storage keys (default `dapplink.deeplink`). */
  storageKey?: string | undefined
  maxUrlLength?: number | undefined
  maxResponseUrlLength?: number | undefined
  requestTtlMs?: number | undefined
}

export type CreateWalletClientParameters = {
  /** The dapp's URL; wallets show it when asked to connect. */
  appUrl: string
  /** The dapp's name, shown by relay wallets (default: the host of `appUrl`). */
  appName?: string | undefined
  /** An icon URL, shown by relay wallets. */
  appIcon?: string | undefined
  cluster?: Cluster | undefined
  /** Deeplink wallets to offer (default Phantom, Solflare, Backpack); add yours with `defineWalletProfile`. */
  wallets?: readonly WalletProfile[] | undefined
  /** Where deeplink wallets send their answers. Default: the current page without query or fragment. */
  redirectLink?: string | undefined
  /** Where the deeplink session and pending request live across the wallet round trip (default sessionStorage). */
  storage?: DeeplinkStorage | undefined
  /** Opens a deeplink (default `window.location.assign`). React Native: `Linking.openURL`. */
  navigate?: ((url: string) => void | Promise<void>) | undefined
  /** Enables QR pairing through a dapplink relay. Its code is loaded only when used. */
  relay?: WalletClientRelayOptions | undefined
  deeplink?: WalletClientDeeplinkOptions | undefined
  /** Enables pairing with MetaMask Mobile by QR code (`connect({ transport: 'metamask' })`); loaded only when used. */
  metamask?: WalletClientMetamaskOptions | undefined
  /**
   * The dapp's Solana RPC endpoint. With it, signAndSendTransaction on a wallet that deprecates that
   * deeplink (Phantom) signs by deeplink, then sends the transaction here and waits until it is confirmed.
   */
  rpcUrl?: string | undefined
}

/**
 * Creates the wallet client: one store of wallet state over encrypted deeplinks (mobile wallets) and, when
 * `relay` is set, an end-to-end encrypted relay session (QR code). Creating it touches no window, storage or
 * network; `mount()` (called by the React provider and the Vue plugin) starts it in the browser.
 *
 * @example
 * const client = createWalletClient({ appUrl: 'https://dapp.example', relay: { url: 'wss://relay.example' } })
 * const stop = client.mount()
 * await client.connect({ wallet: 'phantom' }) // or { transport: 'relay' } and show client.getState().pairingUri
 */
export function createWalletClient(parameters: CreateWalletClientParameters): WalletClient {
  const { appUrl, appIcon, cluster, relay, metamask } = parameters
  const wallets = parameters.wallets ?? [phantom, solflare, backpack]
  let appName = parameters.appName
  if (appName === undefined) {
    try {
      appName = new URL(appUrl).host
    } catch (cause) {
      throw new InvalidArgumentError('The appUrl is not an absolute URL.', { details: appUrl, cause })
    }
  }
  const ids = wallets.map(({ id }) => id)
  if (new Set(ids).size !== ids.length) {
    throw new InvalidArgumentError('Two wallet profiles share an id.', { details: `Ids: ${ids.join(', ')}.` })
  }
  const app = { name: appName, url: appUrl, ...(appIcon === undefined ? {} : { icon: appIcon }) }

  return createWalletClientFromTransports({
    transports: {
      deeplinkProfiles: ids,
      deeplink:
        wallets.length === 0
          ? undefined
          : (context) =>
              createDeeplinkTransports(
                {
                  ...parameters.deeplink,
                  profiles: wallets,
                  appUrl,
                  cluster,
                  redirectLink: parameters.redirectLink,
                  storage: parameters.storage,
                  navigate: parameters.navigate,
                  sendSignedTransaction:
                    parameters.rpcUrl === undefined
                      ? undefined
                      : createRpcSender({ rpcUrl: parameters.rpcUrl }),
                },
                context,
              ),
      relay: relay
        ? async (context) => {
            // The only way into the relay code: a separate chunk, fetched on the first QR pairing.
            const { createRelayTransport } = await import('./createRelayTransport.js')
            const { url, ...options } = relay
            return createRelayTransport({ ...options, relayUrl: url, app, cluster }, context)
          }
        : undefined,
      metamask: metamask
        ? async (context) => {
            // Its own chunk, fetched on the first MetaMask pairing.
            const { createMetamaskTransport } = await import('./createMetamaskTransport.js')
            const dapp = {
              name: app.name,
              url: appUrl,
              ...(appIcon === undefined ? {} : { iconUrl: appIcon }),
            }
            return createMetamaskTransport({ ...metamask, dapp, cluster }, context)
          }
        : undefined,
    },
  })
}
