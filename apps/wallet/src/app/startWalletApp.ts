import { DapplinkError } from '@dapplink/core'
import bs58 from 'bs58'
import { loadOrCreateAccount } from '../account/loadOrCreateAccount.js'
import type { ApprovalView } from '../request/describeRequest.js'
import { type Route, readRoute } from '../routing/readRoute.js'
import { createRpcClient } from '../rpc/createRpcClient.js'
import { readSettings, saveSettings, validPauseAfterMs, validRpcUrl } from '../settings/walletSettings.js'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'
import { formatLamports } from '../transaction/formatLamports.js'
import { h, replaceChildren } from '../ui/h.js'
import { renderApproval } from '../ui/renderApproval.js'
import { renderError } from '../ui/renderError.js'
import { answerDeeplink } from './answerDeeplink.js'
import { createMetamaskPanel, readMwpRelayUrl } from './metamaskPanel.js'
import { createRelayPanel } from './relayPanel.js'
import { requestWakeUp } from './wakeUp.js'
import type { StatusTone, WalletContext } from './walletContext.js'

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
  const { root, storage, href } = parameters
  const origin = new URL(href).origin
  const status = h('p', { class: 'status', testid: 'status', 'data-tone': 'info' }, 'Ready.')
  const setStatus = (text: string, tone: StatusTone = 'info') => {
    status.textContent = text
    status.dataset['tone'] = tone
  }

  let account: ReturnType<typeof loadOrCreateAccount>
  try {
    account = loadOrCreateAccount(storage)
  } catch (error) {
    replaceChildren(
      root,
      status,
      renderError({ error }),
      renderResetButton(storage, parameters.navigate, origin),
    )
    setStatus('The stored account cannot be read.', 'error')
    return
  }
  const publicKey = bs58.encode(account.publicKey)
  const settings = readSettings({ storage, href, defaultRpcUrl: parameters.defaultRpcUrl })
  const rpc = createRpcClient({ url: settings.rpcUrl })

  const balance = h('span', { class: 'balance', testid: 'balance', 'data-lamports': '' }, '…')
  const refreshBalance = async () => {
    try {
      const lamports = await rpc.getBalance(publicKey)
      balance.textContent = formatLamports(lamports)
      balance.dataset['lamports'] = lamports.toString()
    } catch (error) {
      balance.textContent = 'unavailable'
      balance.dataset['lamports'] = ''
      setStatus(
        `Balance: ${error instanceof DapplinkError ? error.shortMessage : 'the RPC node failed.'}`,
        'error',
      )
    }
  }
  const airdrop = h('button', { class: 'secondary', testid: 'airdrop', type: 'button' }, 'Airdrop 1 SOL')
  airdrop.addEventListener('click', async () => {
    airdrop.disabled = true
    try {
      setStatus('Requesting an airdrop of 1 SOL…')
      const signature = await rpc.requestAirdrop(publicKey, 1_000_000_000n)
      const confirmation = await rpc.confirmTransaction(signature)
      setStatus(
        confirmation === 'timeout' ? 'Airdrop sent, not yet confirmed.' : 'Airdrop of 1 SOL confirmed.',
        'success',
      )
      await refreshBalance()
    } catch (error) {
      setStatus(
        `Airdrop failed: ${error instanceof DapplinkError ? error.shortMessage : 'unknown error'}`,
        'error',
      )
    } finally {
      airdrop.disabled = false
    }
  })
  const refresh = h(
    'button',
    { class: 'secondary', testid: 'refresh-balance', type: 'button', onclick: () => void refreshBalance() },
    'Refresh',
  )

  const context: WalletContext = {
    account,
    publicKey,
    settings,
    rpc,
    storage,
    baseUrl: `${origin}/ul/v1/`,
    navigate: parameters.navigate,
    setStatus,
    refreshBalance,
  }

  // One request area, shared by deeplink and relay approvals (the kit asks one at a time).
  const requestArea = h('div', { class: 'request-area', testid: 'request-area' })
  let pendingAnswer: ((approved: boolean, by?: 'user' | 'withdrawn') => void) | undefined
  const askApproval = (view: ApprovalView) =>
    new Promise<boolean>((resolve) => {
      pendingAnswer?.(false, 'withdrawn')
      const settle = (approved: boolean, by: 'user' | 'withdrawn' = 'user') => {
        pendingAnswer = undefined
        replaceChildren(requestArea)
        // A withdrawn request (the session ended under it) is no rejection: the caller says what happened.
        if (by === 'user') setStatus(approved ? 'Approved.' : 'Rejected.', approved ? 'success' : 'info')
        resolve(approved)
      }
      pendingAnswer = settle
      setStatus(`${view.appName} asks: ${view.method}`)
      replaceChildren(
        requestArea,
        renderApproval({
          view,
          rpcUrl: rpc.url,
          onApprove: () => settle(true),
          onReject: () => settle(false),
        }),
      )
    })
  const cancelApproval = () => pendingAnswer?.(false, 'withdrawn')
  // Once paired, the tab rests at the wake-up path: a wake-up link the dapp opens in this (named) tab then
  // changes only the fragment, so the page and its session stay.
  const restingUrl = `${origin}/ul/v1/relay`
  const metamask = createMetamaskPanel({
    context,
    relayUrl: readMwpRelayUrl(href, parameters.defaultMwpRelayUrl),
    askApproval,
    cancelApproval,
  })
  const relay = createRelayPanel({
    context,
    askApproval,
    cancelApproval,
    onPaired: () => parameters.replaceUrl(restingUrl),
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
    requestArea,
    h(
      'section',
      { class: 'card account' },
      h('h2', {}, 'Account'),
      h('div', { class: 'label' }, 'Public key'),
      h('div', { class: 'mono pubkey', testid: 'public-key' }, publicKey),
      h('div', { class: 'label' }, 'Balance on ', h('span', { class: 'mono', testid: 'rpc-url' }, rpc.url)),
      balance,
      h('div', { class: 'actions' }, refresh, airdrop),
    ),
    relay.element,
    metamask.element,
    renderSettings(context, storage, parameters.navigate, origin),
  )
  void refreshBalance()

  // A paired tab keeps resting at the wake-up path, whatever link reached it.
  const settledUrl = () => (relay.holdsSession() ? restingUrl : `${origin}/`)
  handleRoute(readRoute(href))
  parameters.onFragmentChange?.((next) => {
    const route = readRoute(next)
    if (route.kind === 'wake' || route.kind === 'badLink') handleRoute(route)
  })

  function handleRoute(route: Route) {
    switch (route.kind) {
      case 'deeplink':
        void answerDeeplink(route.url, context, requestArea)
        break
      case 'unknownMethod':
        // The kit's parser answers an unknown method with -32601 to the dapp's redirect link.
        void answerDeeplink(route.url, context, requestArea)
        break
      case 'pair':
        // The pairing secret must not stay in the address bar or the history.
        parameters.replaceUrl(`${origin}/`)
        void relay.pairFromLink(route.link)
        break
      case 'metamask':
        // The link names the dapp's key and channel: do not leave it in the address bar.
        parameters.replaceUrl(`${origin}/`)
        void metamask.pair(route.link)
        break
      case 'badLink':
        parameters.replaceUrl(settledUrl())
        setStatus(route.message, 'error')
        break
      case 'wake':
        parameters.replaceUrl(settledUrl())
        if (relay.wake(route.channel)) {
          setStatus('Woken up by the dapp: the session is back in the foreground.', 'success')
          break
        }
        setStatus('Waking the relay session…')
        void requestWakeUp(route.channel).then((woken) =>
          setStatus(
            woken
              ? 'The wallet tab holding this session is back in the foreground.'
              : 'No open wallet tab holds this session (relay sessions live in memory only).',
            woken ? 'success' : 'error',
          ),
        )
        break
      case 'home':
        break
    }
  }
}

function renderSettings(
  context: WalletContext,
  storage: KeyValueStorage,
  navigate: (url: string) => void,
  origin: string,
): HTMLElement {
  const rpcInput = h('input', {
    testid: 'rpc-url-input',
    type: 'url',
    value: context.settings.rpcUrl,
    'aria-label': 'RPC URL',
  })
  const pauseInput = h('input', {
    testid: 'pause-after-input',
    type: 'number',
    min: 0,
    step: 100,
    value: context.settings.pauseAfterMs,
    'aria-label': 'Pause after (ms)',
  })
  const message = h('p', { class: 'hint', testid: 'settings-message' })
  const save = h('button', { class: 'primary', testid: 'save-settings', type: 'button' }, 'Save and reload')
  save.addEventListener('click', () => {
    const rpcUrl = validRpcUrl(rpcInput.value.trim())
    const pauseAfterMs = validPauseAfterMs(pauseInput.value)
    if (rpcUrl === undefined || pauseAfterMs === undefined) {
      message.textContent = 'Enter an http(s) RPC URL and a pause threshold between 0 and 600000 ms.'
      return
    }
    saveSettings(storage, { rpcUrl, pauseAfterMs })
    navigate(`${origin}/`)
  })
  return h(
    'section',
    { class: 'card settings' },
    h('h2', {}, 'Settings'),
    h('label', {}, h('span', { class: 'label' }, 'RPC URL (local cluster, devnet, …)'), rpcInput),
    h(
      'label',
      {},
      h('span', { class: 'label' }, 'Relay: pause after this long in the background (ms)'),
      pauseInput,
    ),
    message,
    h('div', { class: 'actions' }, renderResetButton(storage, navigate, origin), save),
  )
}

function renderResetButton(
  storage: KeyValueStorage,
  navigate: (url: string) => void,
  origin: string,
): HTMLElement {
  const button = h('button', { class: 'danger', testid: 'reset-wallet', type: 'button' }, 'Reset wallet')
  button.addEventListener('click', () => {
    if (!window.confirm('Delete this wallet’s key and every dapp session? The account cannot be recovered.'))
      return
    const keys: string[] = []
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index)
      if (key?.startsWith('dapplink.wallet.')) keys.push(key)
    }
    for (const key of keys) storage.removeItem(key)
    navigate(`${origin}/`)
  })
  return button
}
