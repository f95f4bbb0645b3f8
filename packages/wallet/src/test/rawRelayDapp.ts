import {
  buildPairingUri,
  createEciesKeyPair,
  createSessionEngine,
  type JsonRpcResponse,
  type RelayTransportFactory,
  type SessionEngine,
  type SessionTimers,
} from '@dapplink/core/relay'

/**
 * A dapp on the bare session engine, for tests of the wallet kit: it seals whatever request or control
 * message a test writes (no deadline, a past one, a cancel of any id), where `createRelaySession` only sends
 * well-formed ones. It records the wallet's answers.
 */
export function startRawRelayDapp(transport: RelayTransportFactory, timers: SessionTimers) {
  const random = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length))
  const channelId = random(16)
  const secret = random(32)
  const keys = createEciesKeyPair()
  const relayUrl = 'ws://127.0.0.1:1'
  const responses: JsonRpcResponse[] = []
  const engine: SessionEngine = createSessionEngine({
    role: 'dapp',
    relayUrl,
    channelId,
    secret,
    dappPublicKey: keys.publicKey,
    dappSecretKey: keys.secretKey,
    dappToken: random(32),
    transport,
    timers,
    retryIntervalMs: 100,
    handshakeTimeoutMs: 2_000,
    peerTimeoutMs: 60_000,
    onMessage(message) {
      if (message.kind === 'response') responses.push(message.response)
    },
  })
  engine.start()
  return {
    engine,
    responses,
    pairingUri: buildPairingUri({ relayUrl, channelId, dappPublicKey: keys.publicKey, secret }),
    /** The answer to request `id`, if one arrived. */
    answerTo: (id: number | string) => responses.find((response) => response.id === id),
  }
}
