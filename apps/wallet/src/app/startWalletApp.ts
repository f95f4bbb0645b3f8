import bs58 from 'bs58'
import { loadOrCreateAccount } from '../account/loadOrCreateAccount.js'
import { readRoute } from '../routing/readRoute.js'
import { createRpcClient } from '../rpc/createRpcClient.js'
import { readSettings } from '../settings/walletSettings.js'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'
import { h, replaceChildren } from '../ui/h.js'
import { renderError } from '../ui/renderError.js'
import { createAccountCard } from './accountCard.js'
import { createApprovalArea } from './approvalArea.js'
import { createRouteHandler } from './handleRoute.js'
import { createMetamaskPanel, readMwpRelayUrl } from './metamaskPanel.js'
import { createRelayPanel } from './relayPanel.js'
import { renderResetButton } from './resetWalletButton.js'
import { renderSettingsCard } from './settingsCard.js'
import { createStatusLine } from './statusLine.js'
import type { WalletContext } from './walletContext.js'

export type StartWalletAppParameters = {
  root: HTMLElement
  storage: KeyValueStorage
  /** The page URL (`location.href`). */
  href: string
  /** The build's default RPC URL (`import.meta.env.VITE_RPC_URL`). */
  defaultRpcUrl: string | undefined
  /** The build's MetaMask-protocol relay (`import.meta.env.VITE_MWP_RELAY_URL`); default the demo's local stand-in. */
  defaultMwpRelayUrl?: string | undefined
  /** Leaves the page: `location.assign`. */
  navigate: (url: string) => void
  /** Rewrites the address bar without a reload: `history.replaceState`. */
  replaceUrl: (url: string) => void
  /**
   * Calls `listener` with the new URL when only the fragment changed (`hashchange`): how a wake-up link
   * reaches the paired tab that the dapp opened, without a reload that would lose the session.
   */
  onFragmentChange?: ((listener: (href: string) => void) => void) | undefined
}

/** Builds the wallet's screen in `root` and handles the URL it was opened with. */
export function startWalletApp(parameters: StartWalletAppParameters): void {
  const { root, storage, href, navigate, replaceUrl } = parameters
  const origin = new URL(href).origin
  const { element: status, setStatus } = createStatusLine()

  let account: ReturnType<typeof loadOrCreateAccount>
  try {
    account = loadOrCreateAccount(storage)
  } catch (error) {
    replaceChildren(root, status, renderError({ error }), renderResetButton({ storage, navigate, origin }))
    setStatus('The stored account cannot be read.', 'error')
    return
  }
  const publicKey = bs58.encode(account.publicKey)
  const settings = readSettings({ storage, href, defaultRpcUrl: parameters.defaultRpcUrl })
  const rpc = createRpcClient({ url: settings.rpcUrl })
  const accountCard = createAccountCard({ publicKey, rpc, setStatus })

  const context: WalletContext = {
    account,
    publicKey,
    settings,
    rpc,
    storage,
    baseUrl: `${origin}/ul/v1/`,
    navigate,
    setStatus,
    refreshBalance: accountCard.refreshBalance,
  }

  const approvals = createApprovalArea({ rpcUrl: rpc.url, setStatus })
  // Once paired, the tab rests at the wake-up path: a wake-up link the dapp opens in this (named) tab then
  // changes only the fragment, so the page and its session stay.
  const restingUrl = `${origin}/ul/v1/relay`
  const metamask = createMetamaskPanel({
    context,
    relayUrl: readMwpRelayUrl(href, parameters.defaultMwpRelayUrl),
    askApproval: approvals.askApproval,
    cancelApproval: approvals.cancelApproval,
  })
  const relay = createRelayPanel({
    context,
    askApproval: approvals.askApproval,
    cancelApproval: approvals.cancelApproval,
    onPaired: () => replaceUrl(restingUrl),
  })

  replaceChildren(
    root,
    h(
      'header',
      {},
      h('h1', {}, 'dapplink reference wallet'),
      h(
        'p',
        { class: 'notice', testid: 'storage-notice' },
        'Reference wallet for development: its keys are stored unencrypted in this site’s localStorage. Never use it with real funds.',
      ),
    ),
    status,
    approvals.element,
    accountCard.element,
    relay.element,
    metamask.element,
    renderSettingsCard({ settings, storage, navigate, origin }),
  )
  void accountCard.refreshBalance()

  const handleRoute = createRouteHandler({
    context,
    origin,
    restingUrl,
    requestArea: approvals.element,
    relay,
    metamask,
    replaceUrl,
  })
  handleRoute(readRoute(href))
  parameters.onFragmentChange?.((next) => {
    const route = readRoute(next)
    if (route.kind === 'wake' || route.kind === 'badLink') handleRoute(route)
  })
}
