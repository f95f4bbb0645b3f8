// Loaded with import() by createWalletClient: this module pulls in socket.io-client and @noble/secp256k1, which a
// deeplink-only dapp never downloads.

import { SessionClosedError } from '../errors/relay.js'
import { type CreateRelaySessionParameters, createRelaySession } from '../relay/createRelaySession.js'
import type { RelaySessionState } from '../relay/sessionEngine.js'
import type { TransportContext, WalletTransport } from './walletTransport.js'

/** Options of the relay transport: everything `createRelaySession` takes. */
export type RelayTransportParameters = CreateRelaySessionParameters

/** A relay transport adds the wake-up link for a paused wallet. */
export type RelayWalletTransport = WalletTransport & { readonly type: 'relay'; wakeUp(): void }

/**
 * Opens a relay session and reports its lifecycle to the wallet client: the pairing URI while it waits for
 * a wallet, the verification code from the handshake until the session ends, paused/reconnecting, and the end.
 */
export function createRelayTransport(
  parameters: RelayTransportParameters,
  context: TransportContext,
): RelayWalletTransport {
  const session = createRelaySession(parameters)
  let accountKnown = false
  let connecting = false
  let destroyed = false
  let pairingDropped = false

  function report(state: RelaySessionState) {
    if (destroyed) return
    if (state.status === 'cleared') {
      // A pending connect() rejects with the typed cause (HandshakeTimeoutError, ...); the client shows that.
      if (connecting) return
      // Our own disconnect() is no error; anything else (wallet gone, terminated, expired) is shown.
      const reason = state.reason ?? 'disconnected'
      context.update({
        status: 'disconnected',
        error: reason === 'disconnected' ? null : new SessionClosedError(reason),
      })
      return
    }
    const verificationCode = state.verificationCode ?? null
    // The wallet has joined and the handshake is done: the URI (it carries the pairing secret) and the
    // wallet link built from it are of no more use; keep them out of state that apps render and persist.
    if (verificationCode !== null && !pairingDropped) {
      pairingDropped = true
      context.update({ pairingUri: null, walletLink: null })
    }
    // Until the wallet has shared its account the dapp is still connecting, whatever the socket does.
    if (!accountKnown) {
      context.update({ status: 'connecting', verificationCode })
      return
    }
    const status = state.status === 'paused' || state.status === 'reconnecting' ? state.status : 'connected'
    context.update({ status, verificationCode })
  }

  context.update({ pairingUri: session.pairingUri, walletLink: session.walletLink ?? null })
  const unwatch = session.watchState((state) => report(state))
  report(session.getState())

  return {
    type: 'relay',
    async connect() {
      connecting = true
      let publicKey: string | undefined
      try {
        ;({ publicKey } = await session.connect())
      } finally {
        connecting = false
      }
      if (typeof publicKey !== 'string') {
        throw new SessionClosedError('terminated', {
          shortMessage: 'The wallet connected without sharing an account.',
        })
      }
      accountKnown = true
      return { publicKey }
    },
    // The relay session's end reaches the wallet at once: there is nothing to opt into.
    disconnect: () => session.disconnect(),
    // The signal aborts when the dapp cancels: the session then seals a `cancel` for the wallet.
    signMessage: (message, { display, signal }) => session.signMessage(message, { display, signal }),
    signTransaction: (transaction, options = {}) =>
      session.signTransaction(transaction, { signal: options.signal }),
    signAllTransactions: (transactions, options = {}) =>
      session.signAllTransactions(transactions, { signal: options.signal }),
    signAndSendTransaction: (transaction, options = {}) =>
      session.signAndSendTransaction(transaction, {
        sendOptions: options.sendOptions,
        signal: options.signal,
      }),
    wakeUp: () => session.wakeUp(),
    destroy() {
      if (destroyed) return
      destroyed = true
      unwatch()
      // disconnect() is the only way to close the socket; it resolves even offline.
      void session.disconnect().catch(() => {})
    },
  }
}
