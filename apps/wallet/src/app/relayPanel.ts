import { DapplinkError } from '@dapplink/core'
import { TransactionRejectedError } from '@dapplink/wallet'
import type { RelaySessionState, WalletRelaySession } from '@dapplink/wallet/relay'
import { approveUntilWithdrawn } from '../relay/approveUntilWithdrawn.js'
import { describePairingFailure } from '../relay/describePairingFailure.js'
import { describeSessionEnd } from '../relay/describeSessionEnd.js'
import type { ApprovalView } from '../request/describeRequest.js'
import { describeRelayRequest } from '../request/describeRequest.js'
import { h, replaceChildren } from '../ui/h.js'
import { sendAndConfirm } from './sendAndConfirm.js'
import { listenForWakeUps, requestWakeUp } from './wakeUp.js'
import type { WalletContext } from './walletContext.js'

export type RelayPanelParameters = {
  context: WalletContext
  /** Shows a request with Approve / Reject; resolves with the user's answer (false when cancelled). */
  askApproval: (view: ApprovalView) => Promise<boolean>
  /** Withdraws a shown approval (the session ended under it), without calling it a rejection. */
  cancelApproval: () => void
  /** Called once a pairing succeeded (the app moves the tab to the URL that wake-up links target). */
  onPaired?: (() => void) | undefined
}

export type RelayPanel = {
  element: HTMLElement
  /** Joins the session of a pairing URI (a pasted one). */
  pair(pairingUri: string): Promise<void>
  /** Joins the session of a wallet link (`/ul/v1/pair#uri=…`); says what is wrong with a broken one. */
  pairFromLink(link: string): Promise<void>
  /** Brings the session of `channel` to the foreground if this tab holds it; returns whether it did. */
  wake(channel: string): boolean
  /** Whether this tab holds a relay session now. */
  holdsSession(): boolean
}

/**
 * The relay part of the wallet: pairing, the verification code, the session state, and a control that
 * simulates the app going to the background (the kit pauses the session after `pauseAfterMs` hidden).
 */
export function createRelayPanel(parameters: RelayPanelParameters): RelayPanel {
  const { context, askApproval, cancelApproval } = parameters
  let session: WalletRelaySession | undefined
  let channel: string | undefined
  let background = false
  let stopWatching: (() => void) | undefined
  let stopWakeUps: (() => void) | undefined

  const input = h('textarea', {
    testid: 'pairing-input',
    rows: 3,
    placeholder: 'dapplink:pair?v=2&relay=…',
    spellcheck: 'false',
    'aria-label': 'Pairing URI',
  })
  const pairButton = h('button', { class: 'primary', testid: 'pair-button', type: 'submit' }, 'Pair')
  const form = h(
    'form',
    {
      class: 'pair-form',
      onsubmit: (event) => {
        event.preventDefault()
        void pair(input.value.trim())
      },
    },
    input,
    h('div', { class: 'actions' }, pairButton),
  )
  const relayState = h('span', { class: 'badge', testid: 'relay-state', 'data-state': 'idle' }, 'not paired')
  const relayError = h('p', { class: 'warning', testid: 'relay-error', hidden: true })
  const verificationCode = h('div', { class: 'code', testid: 'verification-code' })
  const dappName = h('span', { testid: 'relay-dapp-name' })
  const dappUrl = h('span', { class: 'mono', testid: 'relay-dapp-url' })
  const backgroundToggle = h(
    'button',
    { class: 'secondary', testid: 'background-toggle', type: 'button', 'data-background': 'false' },
    'Send to background',
  )
  const disconnect = h(
    'button',
    { class: 'secondary', testid: 'relay-disconnect', type: 'button' },
    'Disconnect',
  )
  const pauseHint = h('p', { class: 'hint', testid: 'pause-hint' })
  const sessionView = h(
    'div',
    { class: 'relay-session', testid: 'relay-session', hidden: true },
    h('div', { class: 'label' }, 'Verification code: check that the app shows the same'),
    verificationCode,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'App'),
      h('dd', {}, dappName),
      h('dt', {}, 'URL'),
      h('dd', {}, dappUrl),
    ),
    pauseHint,
    h('div', { class: 'actions' }, disconnect, backgroundToggle),
  )
  const element = h(
    'section',
    { class: 'card', testid: 'relay-panel' },
    h('h2', {}, 'Relay session ', relayState),
    h(
      'p',
      { class: 'hint' },
      'Paste the pairing URI of a dapp QR code, or open a ',
      h('span', { class: 'mono' }, '/ul/v1/pair#uri=…'),
      ' link.',
    ),
    form,
    relayError,
    sessionView,
  )

  const showState = (state: RelaySessionState) => {
    relayState.dataset['state'] = state.status
    relayState.textContent =
      state.status === 'cleared' ? `cleared (${state.reason ?? 'unknown'})` : state.status
  }

  const setBackground = (next: boolean) => {
    background = next
    backgroundToggle.dataset['background'] = String(next)
    backgroundToggle.textContent = next ? 'Bring to foreground' : 'Send to background'
    session?.setVisibility(next ? 'hidden' : 'visible')
    context.setStatus(
      next
        ? `In the background: the session pauses after ${context.settings.pauseAfterMs} ms.`
        : 'Back in the foreground: the session resumes.',
    )
  }
  backgroundToggle.addEventListener('click', () => setBackground(!background))
  disconnect.addEventListener('click', () => void session?.close())

  // A real phone app goes to the background when the user switches apps: forward the page's visibility.
  const onVisibility = () => {
    if (session) setBackground(document.visibilityState === 'hidden')
  }
  document.addEventListener('visibilitychange', onVisibility)

  const ended = () => {
    // The code belongs to the session that ended: a stale one must not be compared with a new dapp's.
    verificationCode.textContent = ''
    sessionView.hidden = true
    stopWatching?.()
    stopWakeUps?.()
    stopWatching = stopWakeUps = undefined
    session = undefined
    channel = undefined
    background = false
    backgroundToggle.dataset['background'] = 'false'
    backgroundToggle.textContent = 'Send to background'
    backgroundToggle.disabled = true
    disconnect.disabled = true
    pairButton.disabled = false
    input.disabled = false
    cancelApproval()
  }

  async function pair(pairingUri: string): Promise<void> {
    if (session) await session.close()
    relayError.hidden = true
    if (pairingUri === '') return showRelayError('Paste a pairing URI first.')
    input.value = pairingUri
    pairButton.disabled = true
    input.disabled = true
    relayState.dataset['state'] = 'pairing'
    relayState.textContent = 'pairing'
    context.setStatus('Joining the relay session…')
    try {
      // The relay client (socket.io, secp256k1) loads only when a session is opened.
      const { pairWithDapp } = await import('@dapplink/wallet/relay')
      const paired = await pairWithDapp({
        pairingUri,
        account: context.account,
        pauseAfterMs: context.settings.pauseAfterMs,
        onRequest: (request, { dapp, verificationCode: code, signal }) => {
          // No generic `request` method is implemented: approving lets the kit answer -32601 at once.
          if (request.method === 'request') return true
          // The dialog closes when the dapp cancels or the deadline passes; the kit then signs nothing.
          return approveUntilWithdrawn(
            signal,
            () => askApproval(describeRelayRequest(request, dapp, code)),
            (why) => {
              cancelApproval()
              context.setStatus(why, 'info')
            },
          )
        },
        handlers: {
          sendTransaction: async (signedTransaction, sendOptions) => {
            try {
              const signature = await sendAndConfirm({
                rpc: context.rpc,
                signedTransaction,
                sendOptions,
                setStatus: context.setStatus,
              })
              void context.refreshBalance()
              return signature
            } catch (cause) {
              const reason = cause instanceof DapplinkError ? cause.shortMessage : 'unknown error'
              context.setStatus(`Sending failed: ${reason}`, 'error')
              throw new TransactionRejectedError(`Sending the transaction failed: ${reason}`, { cause })
            }
          },
        },
        onError: (error) => showRelayError(`${error.name}: ${error.shortMessage}`),
      })
      session = paired
      // The URI carries the pairing secret: do not leave it on screen once it has been used.
      input.value = ''
      channel = channelOf(pairingUri)
      verificationCode.textContent = paired.verificationCode
      refreshDapp()
      sessionView.hidden = false
      backgroundToggle.disabled = false
      disconnect.disabled = false
      pauseHint.textContent = `"Send to background" pauses the session after ${context.settings.pauseAfterMs} ms (set in the settings).`
      showState(paired.getState())
      stopWatching = paired.watchState((state) => {
        showState(state)
        refreshDapp()
        if (state.status === 'cleared') {
          // ended() withdraws a shown approval first, so the status says why the session ended.
          ended()
          context.setStatus(
            describeSessionEnd(state.reason),
            state.reason === 'disconnected' ? 'info' : 'error',
          )
        }
      })
      if (channel) stopWakeUps = listenForWakeUps(channel, () => setBackground(false))
      context.setStatus(`Paired. Verification code ${paired.verificationCode}.`, 'success')
      parameters.onPaired?.()
    } catch (error) {
      showRelayError(describePairingFailure(error))
      relayState.dataset['state'] = 'failed'
      relayState.textContent = 'failed'
      context.setStatus('Pairing failed.', 'error')
      ended()
    }
  }

  async function pairFromLink(link: string): Promise<void> {
    relayError.hidden = true
    const { parsePairingLink } = await import('@dapplink/wallet/relay')
    let pairingUri: string
    try {
      pairingUri = parsePairingLink(link)
    } catch (error) {
      showRelayError(describePairingFailure(error))
      relayState.dataset['state'] = 'failed'
      relayState.textContent = 'failed'
      context.setStatus('This pairing link cannot be used.', 'error')
      return
    }
    // Opened twice in this browser: the tab that holds the session comes to the foreground. (A second pairing
    // with the used link would fail anyway: once paired, the relay refuses the link's token, pairing_used.)
    const linkChannel = channelOf(pairingUri)
    if (linkChannel !== undefined && (linkChannel === channel || (await requestWakeUp(linkChannel, 300)))) {
      showRelayError(
        'This pairing link is already paired in an open wallet tab, which is now in the foreground.',
      )
      context.setStatus('Already paired with this link.', 'info')
      return
    }
    await pair(pairingUri)
  }

  function wake(wokenChannel: string): boolean {
    if (!session || wokenChannel !== channel) return false
    setBackground(false)
    return true
  }

  function refreshDapp() {
    dappName.textContent = session?.dapp.name ?? '(unknown)'
    dappUrl.textContent = session?.dapp.url ?? ''
  }

  function showRelayError(message: string) {
    replaceChildren(relayError, message)
    relayError.hidden = false
  }

  backgroundToggle.disabled = true
  disconnect.disabled = true
  return { element, pair, pairFromLink, wake, holdsSession: () => session !== undefined }
}

/** The channel id (base64url, as in wake-up links) of a pairing URI the kit validated. */
function channelOf(pairingUri: string): string | undefined {
  return new URL(pairingUri).searchParams.get('channel') ?? undefined
}
