// Loaded with import() when the user picks the QR code wallet: a relay session (core's `createRelaySession`,
// whose socket code comes with it) and, on connect, the modal. No wallet client and no deeplink code: the QR
// code path loads only what it uses.

import {
  type CreateRelaySessionParameters,
  createRelaySession,
  decodeBase58,
  type RelaySession,
  SessionClosedError,
  UserRejectedRequestError,
} from '@dapplink/core/relay'
import type { PairingModalView } from '../modal/openPairingModal.js'
import type { MachineAccount, WalletMachineInput } from '../wallet/walletMachine.js'
import type { WalletSession } from './walletSession.js'

/** A surface that shows the relay pairing (the modal by default). */
export type PairingSurface = {
  update(view: PairingModalView): void
  close(): void
  /** Resolves when the user dismissed it: the pairing is then cancelled. */
  readonly dismissed: Promise<void>
}

export type CreateRelayWalletSessionParameters = {
  /** Everything `createRelaySession` takes; a new session is opened for each pairing. */
  relay: CreateRelaySessionParameters
  /** Opens the surface that shows the QR code. */
  showPairing: (view: PairingModalView) => Promise<PairingSurface>
}

function toAccount(publicKey: string): MachineAccount {
  return { address: publicKey, publicKey: decodeBase58(publicKey, { label: 'account', length: 32 }) }
}

/**
 * The QR code wallet's session: one relay session per pairing, shown in the pairing surface until the
 * wallet shares its account. A relay session lives in its page: leaving the page ends it.
 */
export function createRelayWalletSession(parameters: CreateRelayWalletSessionParameters): WalletSession {
  const listeners = new Set<(input: WalletMachineInput) => void>()
  const emit = (input: WalletMachineInput) => {
    for (const listener of [...listeners]) listener(input)
  }
  let current: { session: RelaySession; account: MachineAccount | undefined; stop: () => void } | undefined

  /** Forgets the current session (ended by either side) and says so if it had an account. */
  function release(ended: typeof current) {
    if (!ended || current !== ended) return
    current = undefined
    ended.stop()
    if (ended.account) emit({ type: 'sessionEnded' })
  }

  function open(): NonNullable<typeof current> {
    const session = createRelaySession(parameters.relay)
    // A reload or a closed tab ends the session for the wallet too, instead of leaving it waiting.
    const onPageHide = () => void session.disconnect()
    window.addEventListener('pagehide', onPageHide)
    const opened: NonNullable<typeof current> = {
      session,
      account: undefined,
      stop: () => {
        unwatch()
        window.removeEventListener('pagehide', onPageHide)
      },
    }
    const unwatch = session.watchState((state, previous) => {
      if (state.status === 'cleared') return release(opened)
      if (!opened.account || state.status === previous.status) return
      if (state.status === 'paused') emit({ type: 'sessionPaused' })
      else if (state.status === 'reconnecting') emit({ type: 'sessionReconnecting' })
      else if (state.status === 'connected') emit({ type: 'sessionResumed' })
    })
    return opened
  }

  async function pair(): Promise<MachineAccount> {
    if (current) await disconnect()
    const opened = open()
    current = opened
    const { session } = opened
    const view = (): PairingModalView => ({
      pairingUri: session.pairingUri,
      walletLink: session.walletLink ?? null,
      verificationCode: session.getState().verificationCode ?? null,
    })
    let surface: PairingSurface | undefined
    let stopUpdates = () => {}
    try {
      surface = await parameters.showPairing(view())
      surface.update(view())
      stopUpdates = session.watchState(() => surface?.update(view()))
      const dismissed = surface.dismissed.then(() => {
        throw new UserRejectedRequestError({ walletMessage: 'The QR code dialog was closed before pairing.' })
      })
      const { accounts } = await Promise.race([session.connect(), dismissed])
      const publicKey = accounts[0]
      if (typeof publicKey !== 'string')
        throw new SessionClosedError('terminated', {
          shortMessage: 'The wallet connected without sharing an account.',
        })
      opened.account = toAccount(publicKey)
      emit({ type: 'accountShared', account: opened.account })
      return opened.account
    } catch (error) {
      release(opened)
      void session.disconnect()
      throw error
    } finally {
      stopUpdates()
      surface?.close()
    }
  }

  async function disconnect() {
    const ended = current
    if (!ended) return
    release(ended)
    await ended.session.disconnect()
  }

  /** The session with an account, for a request. */
  function connected(): RelaySession {
    if (!current?.account)
      throw new SessionClosedError('disconnected', {
        shortMessage: 'No QR code session is open. Connect first.',
      })
    return current.session
  }

  return {
    async connect({ silent }) {
      if (current?.account) return current.account
      // Nothing survives a page load: a silent connect (autoConnect) has nothing to restore.
      if (silent) return null
      return pair()
    },
    disconnect,
    signMessage: async (message) =>
      (await connected().signMessage(message, { display: isUtf8(message) ? 'utf8' : 'hex' })).signature,
    signTransaction: async (transaction) => (await connected().signTransaction(transaction)).transaction,
    async signAndSendTransaction(transaction, options) {
      const { transactionSignature } = await connected().signAndSendTransaction(transaction, {
        sendOptions: options,
      })
      return decodeBase58(transactionSignature, { label: 'transaction signature', length: 64 })
    },
    watch(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
