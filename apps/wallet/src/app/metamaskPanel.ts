import { DapplinkError } from '@dapplink/core'
import type { MwpWalletSession } from '@dapplink/wallet/metamask'
import { describeMwpRequest } from '../request/describeMwpRequest.js'
import type { ApprovalView } from '../request/describeRequest.js'
import { h } from '../ui/h.js'
import { deriveEvmSecretKey } from './deriveEvmSecretKey.js'
import { sendAndConfirm } from './sendAndConfirm.js'
import type { WalletContext } from './walletContext.js'

/** The local stand-in for MetaMask's relay that `npm run demo` starts (apps/mwp-relay). */
export const defaultMwpRelayUrl = 'ws://127.0.0.1:8790/connection/websocket'

/** The MWP relay URL: `?mwpRelayUrl=` (ws or wss), else the build's, else the demo's local stand-in. */
export function readMwpRelayUrl(href: string, buildDefault?: string | undefined): string {
  for (const candidate of [new URL(href).searchParams.get('mwpRelayUrl'), buildDefault]) {
    if (!candidate) continue
    try {
      const url = new URL(candidate)
      if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.href
    } catch {
      // Not a URL: next candidate.
    }
  }
  return defaultMwpRelayUrl
}

export type MetamaskPanelParameters = {
  context: WalletContext
  relayUrl: string
  askApproval: (view: ApprovalView) => Promise<boolean>
  cancelApproval: () => void
}

/**
 * The MetaMask-protocol part of the wallet: answers a `metamask://connect/mwp` link (pasted, or from
 * a `/ul/v1/mwp#link=` URL) as MetaMask Mobile would, with the same approve screen as the other flows.
 */
export function createMetamaskPanel(parameters: MetamaskPanelParameters) {
  const { context, relayUrl, askApproval, cancelApproval } = parameters
  let session: MwpWalletSession | undefined
  const input = h('textarea', {
    testid: 'mwp-link-input',
    rows: 2,
    placeholder: 'metamask://connect/mwp?p=…&c=1',
    spellcheck: 'false',
    'aria-label': 'MetaMask connection link',
  })
  const state = h('span', { class: 'badge', testid: 'mwp-state', 'data-state': 'idle' }, 'not paired')
  const problem = h('p', { class: 'warning', testid: 'mwp-error', hidden: true })
  const otp = h('div', { class: 'code', testid: 'mwp-otp', hidden: true })
  const dappName = h('span', { testid: 'mwp-dapp-name' })
  const background = h(
    'button',
    { class: 'secondary', testid: 'mwp-background', type: 'button', disabled: true },
    'Send to background',
  )
  const end = h(
    'button',
    { class: 'secondary', testid: 'mwp-end', type: 'button', disabled: true },
    'End session',
  )
  const setState = (value: string) => {
    state.dataset['state'] = value
    state.textContent = value
    background.disabled = end.disabled = value !== 'connected' && value !== 'background'
    background.textContent = value === 'background' ? 'Bring to foreground' : 'Send to background'
  }
  const showProblem = (text: string) => {
    problem.textContent = text
    problem.hidden = false
  }
  background.addEventListener('click', async () => {
    if (!session) return
    try {
      if (session.status() === 'background') await session.returnToForeground()
      else await session.goToBackground()
      setState(session.status())
    } catch (error) {
      showProblem(error instanceof DapplinkError ? error.shortMessage : String(error))
    }
  })
  end.addEventListener('click', async () => {
    await session?.end()
    cancelApproval()
    setState('ended')
  })

  async function pair(link: string): Promise<void> {
    problem.hidden = true
    otp.hidden = true
    if (session && session.status() !== 'ended') await session.end()
    setState('pairing')
    context.setStatus('Pairing with the dapp through the MetaMask protocol…')
    try {
      // MetaMask's protocol code loads only when a MetaMask link is opened.
      const { createMwpWallet, createMwpMemorySessionStore } = await import('@dapplink/wallet/metamask')
      const wallet = createMwpWallet({
        relayUrl,
        solanaSecretKeys: [context.account.secretKey],
        // An EVM account too, so a dapp's EIP-1193 provider (personal_sign) works over the same session.
        evm: { secretKey: await deriveEvmSecretKey(context.account.secretKey) },
        createSessionStore: () => createMwpMemorySessionStore(),
        onRequest: (request) => askApproval(describeMwpRequest(request)),
        sendTransaction: async (signedTransaction) => {
          const signature = await sendAndConfirm({
            rpc: context.rpc,
            signedTransaction,
            sendOptions: undefined,
            setStatus: context.setStatus,
          })
          void context.refreshBalance()
          return signature
        },
        onError: (error) => showProblem(`${error.name}: ${error.message.split('\n')[0]}`),
      })
      session = await wallet.pair(link, {
        displayOtp: (code) => {
          otp.textContent = code
          otp.hidden = false
        },
      })
      input.value = ''
      dappName.textContent = `${session.dapp.name} (${session.dapp.url})`
      setState('connected')
      context.setStatus(`Paired with ${session.dapp.name} (MetaMask protocol).`, 'success')
    } catch (error) {
      setState('failed')
      const reason = error instanceof DapplinkError ? error.shortMessage : String(error)
      showProblem(reason)
      context.setStatus(`MetaMask pairing failed: ${reason}`, 'error')
    }
  }

  const element = h(
    'section',
    { class: 'card', testid: 'mwp-panel' },
    h('h2', {}, 'MetaMask protocol session ', state),
    h(
      'p',
      { class: 'hint' },
      'Paste a ',
      h('span', { class: 'mono' }, 'metamask://connect/mwp'),
      ' link (relay ',
      h('span', { class: 'mono' }, relayUrl),
      ').',
    ),
    h(
      'form',
      {
        class: 'pair-form',
        onsubmit: (event) => {
          event.preventDefault()
          void pair(input.value.trim())
        },
      },
      input,
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'primary', testid: 'mwp-pair', type: 'submit' }, 'Pair'),
      ),
    ),
    problem,
    otp,
    h('dl', { class: 'facts' }, h('dt', {}, 'App'), h('dd', {}, dappName)),
    h('div', { class: 'actions' }, end, background),
  )
  return { element, pair }
}
