import {
  createSocketIoTransport,
  type RelayTransport,
  type RelayTransportFactory,
} from '@dapplink/core/relay'
import nacl from 'tweetnacl'
import { inject } from 'vitest'
import { type PairWithDappParameters, pairWithDapp, type WalletRelaySession } from '../relay/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by apps/relay/src/testing/relayGlobalSetup.ts. */
    relayUrl: string
  }
}

/**
 * The relay process started by globalSetup (the built CLI of apps/relay) and a real wallet (`@dapplink/wallet/relay`). The dapp's
 * socket.io transport is wrapped only to count the sockets it opens, so a test can prove none is left open.
 */
export function createRelayHarness() {
  const relayUrl = inject('relayUrl')
  const transports: RelayTransport[] = []
  const countingTransport: RelayTransportFactory = (url, options) => {
    const transport = createSocketIoTransport(url, options)
    transports.push(transport)
    return transport
  }
  const account = nacl.sign.keyPair()
  const wallets: WalletRelaySession[] = []
  return {
    account,
    transports,
    relayOptions: { url: relayUrl, transport: countingTransport },
    /**
     * The phone scans the QR code: pairs and answers with the default handlers (signs with `account`).
     * The user approves every request unless the test passes its own `onRequest`.
     */
    async pair(
      pairingUri: string,
      options: { pauseAfterMs?: number; onRequest?: PairWithDappParameters['onRequest'] } = {},
    ) {
      const session = await pairWithDapp({ pairingUri, account, onRequest: () => true, ...options })
      wallets.push(session)
      return session
    },
    openSockets: () => transports.filter((transport) => transport.connected).length,
    /** Closes the wallet sessions the test opened. */
    async stop() {
      await Promise.all(wallets.map((wallet) => wallet.close()))
    },
  }
}

/** Polls `check` until it holds (bounded). */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
