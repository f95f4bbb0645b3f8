import type {
  Cluster,
  DeeplinkStorage,
  WalletClient,
  WalletClientDeeplinkOptions,
  WalletClientMetamaskOptions,
  WalletClientRelayOptions,
  WalletProfile,
} from '@dapplink/core'
import type { IdentifierString } from '@wallet-standard/base'
import { registerWallet } from '@wallet-standard/wallet'
import type { PairingModalView } from './modal/openPairingModal.js'
import type { PairingSurface } from './session/createRelayWalletSession.js'
import type { DeeplinkAnswer } from './session/deeplinkAnswers.js'
import { createStandardWallet, type DapplinkStandardWallet } from './wallet/createStandardWallet.js'
import { initialIcon, qrCodeIcon } from './wallet/walletIcons.js'

/** The dapp, as wallets show it. */
export type DapplinkAppParameters = {
  /** The dapp's URL; wallets show it when asked to connect. */
  appUrl: string
  /** The dapp's name (default: the host of `appUrl`). */
  appName?: string | undefined
  /** An icon URL, shown by relay wallets. */
  appIcon?: string | undefined
  /** The cluster named to deeplink and relay wallets (default: the wallet's own). */
  cluster?: Cluster | undefined
}

/** The QR code wallet: a dapplink relay pairing, shown in a modal. */
export type RelayWalletParameters = WalletClientRelayOptions & {
  /** The name in the dapp's wallet list (default `'QR code'`). */
  walletName?: string | undefined
  /** Replaces the built-in modal: show `view.pairingUri` as a QR code and `view.verificationCode`. */
  showPairing?: ((view: PairingModalView) => Promise<PairingSurface>) | undefined
}

/**
 * The MetaMask Mobile wallet: a Mobile Wallet Protocol pairing shown in the modal, over MetaMask's hosted relay
 * unless `relayUrl` names another. It has `solana:signIn` as well.
 */
export type MetamaskWalletParameters = WalletClientMetamaskOptions & {
  /** The name in the dapp's wallet list (default `'MetaMask Mobile (QR)'`, distinct from MetaMask's injected wallet). */
  walletName?: string | undefined
  /** Replaces the built-in modal: show `view.pairingUri` as a QR code (it changes when the QR is renewed). */
  showPairing?: ((view: PairingModalView) => Promise<PairingSurface>) | undefined
}

/** The deeplink wallets (Phantom, Solflare, Backpack by default). */
export type DeeplinkWalletsParameters = {
  /** Built-in profile ids (`'phantom'`, `'solflare'`, `'backpack'`) or your own profiles. */
  wallets?: readonly (string | WalletProfile)[] | undefined
  /**
   * When to list them: `'mobile'` (default) on a phone or tablet browser where the wallet's own injected
   * provider is absent, `'always'`, or `'never'`.
   */
  when?: 'mobile' | 'always' | 'never' | undefined
  storage?: DeeplinkStorage | undefined
  redirectLink?: string | undefined
  navigate?: ((url: string) => void | Promise<void>) | undefined
  options?: WalletClientDeeplinkOptions | undefined
}

export type RegisterDapplinkWalletsParameters = DapplinkAppParameters & {
  /** The chains the wallets list (default mainnet, devnet, testnet; add `'solana:localnet'` for a local cluster). */
  chains?: readonly IdentifierString[] | undefined
  /** Registers the "QR code" wallet over this relay. */
  relay?: RelayWalletParameters | undefined
  /** Registers the "MetaMask Mobile (QR)" wallet; `{}` uses MetaMask's hosted relay. */
  metamask?: MetamaskWalletParameters | undefined
  /** The deeplink wallets; `false` registers none. */
  deeplink?: DeeplinkWalletsParameters | false | undefined
}

export type RegisterDapplinkWalletsReturnType = {
  /** The registered wallets, in the order the dapp's list receives them. */
  wallets: readonly DapplinkStandardWallet[]
  /**
   * Deeplink only: a sign request by deeplink leaves the page, so its promise never settles; the wallet's
   * answer arrives after the page loads again, here. Returns the unsubscribe function.
   */
  watchDeeplinkAnswers(listener: (answer: DeeplinkAnswer) => void): () => void
}

const defaultChains = ['solana:mainnet', 'solana:devnet', 'solana:testnet'] as const
const profileLooks: Record<string, { name: string; color: string; injected: () => unknown }> = {
  phantom: { name: 'Phantom', color: '#ab9ff2', injected: () => injected('phantom')?.['solana'] },
  solflare: { name: 'Solflare', color: '#fc7227', injected: () => injected('solflare') },
  backpack: { name: 'Backpack', color: '#e33e3f', injected: () => injected('backpack') },
}

function injected(key: string): Record<string, unknown> | undefined {
  return (window as unknown as Record<string, Record<string, unknown> | undefined>)[key]
}

function isMobileBrowser(): boolean {
  return /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent)
}

/**
 * Registers dapplink's wallets with the Wallet Standard, so that wallet-adapter, solana-wallets-vue and
 * `@solana/react` list them: "QR code" (the dapplink relay) when `relay` is set, "MetaMask Mobile (QR)" when
 * `metamask` is set, and Phantom, Solflare and
 * Backpack by deeplink on mobile browsers without their injected wallet. Their code loads when one is used.
 * Does nothing on the server.
 *
 * @example
 * registerDapplinkWallets({ appUrl: 'https://dapp.example', relay: { url: 'wss://relay.example' } })
 */
export function registerDapplinkWallets(
  parameters: RegisterDapplinkWalletsParameters,
): RegisterDapplinkWalletsReturnType {
  const { appUrl, appName, appIcon, cluster, relay, metamask, deeplink = {} } = parameters
  const app: DapplinkAppParameters = { appUrl, appName, appIcon, cluster }
  const chains = parameters.chains ?? defaultChains
  const wallets: DapplinkStandardWallet[] = []
  let deeplinkClient: Promise<WalletClient> | undefined
  let deeplinkRegistered = false
  const inBrowser = typeof window !== 'undefined'

  if (relay && inBrowser) {
    const walletName = relay.walletName ?? 'QR code'
    wallets.push(
      createStandardWallet({
        name: walletName,
        icon: qrCodeIcon(),
        chains,
        mayRestore: () => false,
        loadSession: async () =>
          (await import('./session/loadRelaySession.js')).loadRelaySession(app, relay, walletName),
      }),
    )
  }

  if (metamask && inBrowser) {
    const walletName = metamask.walletName ?? 'MetaMask Mobile (QR)'
    wallets.push(
      createStandardWallet({
        name: walletName,
        icon: initialIcon('MetaMask', '#f6851b'),
        chains,
        mayRestore: () => false,
        signIn: true,
        loadSession: async () =>
          (await import('./session/loadMetamaskSession.js')).loadMetamaskSession(app, metamask, walletName),
      }),
    )
  }

  const deeplinkOptions = deeplink === false ? {} : deeplink
  const when = deeplink === false ? 'never' : (deeplinkOptions.when ?? 'mobile')
  const profiles = deeplinkOptions.wallets ?? ['phantom', 'solflare', 'backpack']
  const loadDeeplinkClient = () => {
    deeplinkClient ??= import('./session/loadDeeplinkClient.js').then((module) =>
      module.createDeeplinkClient(app, deeplinkOptions, profiles),
    )
    return deeplinkClient
  }
  if (inBrowser && when !== 'never') {
    for (const profile of profiles) {
      const id = typeof profile === 'string' ? profile : profile.id
      const looks = profileLooks[id]
      if (when === 'mobile' && (!isMobileBrowser() || looks?.injected())) continue
      const name = typeof profile === 'string' ? (looks?.name ?? id) : profile.name
      deeplinkRegistered = true
      wallets.push(
        createStandardWallet({
          name: `${name} (deeplink)`,
          icon: initialIcon(name, looks?.color ?? '#3b82f6'),
          chains,
          loadSession: async () => {
            const client = await loadDeeplinkClient()
            return (await import('./session/loadDeeplinkClient.js')).loadDeeplinkSession(client, id)
          },
        }),
      )
    }
  }

  for (const wallet of wallets) registerWallet(wallet)

  return {
    wallets,
    watchDeeplinkAnswers(listener) {
      if (!deeplinkRegistered) return () => {}
      let stopped = false
      let stop: (() => void) | undefined
      void Promise.all([loadDeeplinkClient(), import('./session/deeplinkAnswers.js')]).then(
        ([client, { watchDeeplinkAnswers }]) => {
          if (stopped) return
          client.mount()
          stop = watchDeeplinkAnswers(client, listener)
        },
      )
      return () => {
        stopped = true
        stop?.()
      }
    },
  }
}
