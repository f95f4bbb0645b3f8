import { createMetamaskSession, pickSolanaAccount, signSolanaMessage } from '@dapplink/core/metamask'
import { createMwpWallet } from '@dapplink/wallet/metamask'
import { spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import { WebSocketTransport } from '@metamask/mobile-wallet-protocol-core'
import { DappClient } from '@metamask/mobile-wallet-protocol-dapp-client'
import { decrypt, encrypt, PrivateKey } from 'eciesjs'
import nacl from 'tweetnacl'
import WebSocket from 'ws'
import { type Summary, summarize } from '../stats/summarize.js'

// Pairing time (QR shown → session usable, the wallet scanning at once) and Solana signMessage round trips over
// MetaMask's Mobile Wallet Protocol, through the local relay stand-in (apps/mwp-relay, its own process): dapplink's
// dapp side against MetaMask's own dapp client, both paired with @dapplink/wallet/metamask, interleaved.

export type MwpLatencyResult = {
  pairing: { dapplink: Summary; metamask: Summary; ratioP50: number }
  signMessage: { dapplink: Summary; metamask: Summary; ratioP50: number }
}

const dapp = { name: 'Bench dapp', url: 'https://bench.example' }
const mainnet = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'
const createSessionParams = {
  optionalScopes: { [mainnet]: { methods: [], notifications: [], accounts: [] } },
  sessionProperties: { solana_accountChanged_notifications: true },
}

function newWallet(relayUrl: string) {
  const account = nacl.sign.keyPair()
  return {
    account,
    wallet: createMwpWallet({
      relayUrl,
      solanaSecretKeys: [account.secretKey],
      websocket: WebSocket,
      onRequest: () => true,
    }),
  }
}

async function dapplinkRun(relayUrl: string, requests: number) {
  const { wallet } = newWallet(relayUrl)
  const started = performance.now()
  const session = createMetamaskSession({ dapp, relayUrl, WebSocket: WebSocket as never })
  const uri = new Promise<string>((resolve) =>
    session.watchState((state) => state.pairingUri && resolve(state.pairingUri)),
  )
  const connected = session.connect()
  const walletSession = await wallet.pair(await uri)
  await connected
  const pairing = performance.now() - started
  const account = pickSolanaAccount(session)!
  const message = new TextEncoder().encode('Sign in to bench.example')
  const roundTrips: number[] = []
  for (let index = 0; index < requests; index++) {
    const sent = performance.now()
    await signSolanaMessage(session, account, message)
    roundTrips.push(performance.now() - sent)
  }
  await session.disconnect()
  await walletSession.end()
  return { pairing, roundTrips }
}

async function metamaskRun(relayUrl: string, requests: number) {
  const { wallet, account } = newWallet(relayUrl)
  const memory = new Map<string, string>()
  const kvstore = {
    get: async (key: string) => memory.get(key) ?? null,
    set: async (key: string, value: string) => void memory.set(key, value),
    delete: async (key: string) => void memory.delete(key),
  }
  const keymanager = {
    generateKeyPair() {
      const key = new PrivateKey()
      return { privateKey: key.secret, publicKey: key.publicKey.toBytes(true) }
    },
    encrypt: async (text: string, key: Uint8Array) =>
      Buffer.from(encrypt(key, Buffer.from(text))).toString('base64'),
    decrypt: async (text: string, key: Uint8Array) =>
      Buffer.from(decrypt(key, Buffer.from(text, 'base64'))).toString(),
    validatePeerKey() {},
  }
  const sessionstore = {
    set: async () => {},
    get: async () => null,
    list: async () => [],
    delete: async () => {},
  }
  const started = performance.now()
  const transport = await WebSocketTransport.create({ url: relayUrl, kvstore, websocket: WebSocket })
  const client = new DappClient({ transport, keymanager, sessionstore: sessionstore as never })
  let nextId = 1
  const pending = new Map<number, (value: unknown) => void>()
  const events = client as unknown as { on(event: string, listener: (payload: never) => void): void }
  events.on('message', (payload: { data?: { id?: number; result?: unknown } }) => {
    const id = payload.data?.id
    if (typeof id === 'number') pending.get(id)?.(payload.data?.result)
  })
  const request = (method: string, params: unknown) =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      void client.sendRequest({
        name: 'metamask-multichain-provider',
        data: { jsonrpc: '2.0', id, method, params },
      })
    })
  const { buildMwpLink } = await import('@dapplink/wallet/metamask')
  const paired = new Promise<Awaited<ReturnType<typeof wallet.pair>>>((resolve) =>
    events.on('session_request', async (sessionRequest: never) =>
      resolve(await wallet.pair(await buildMwpLink(sessionRequest, { dapp }))),
    ),
  )
  await client.connect({ mode: 'trusted' })
  const walletSession = await paired
  await request('wallet_createSession', createSessionParams)
  const pairing = performance.now() - started
  const address = Buffer.from(account.publicKey)
  const roundTrips: number[] = []
  const message = Buffer.from('Sign in to bench.example').toString('base64')
  const { encodeBase58 } = await import('@dapplink/core')
  for (let index = 0; index < requests; index++) {
    const sent = performance.now()
    await request('wallet_invokeMethod', {
      scope: mainnet,
      request: { method: 'signMessage', params: { message, account: { address: encodeBase58(address) } } },
    })
    roundTrips.push(performance.now() - sent)
  }
  await client.disconnect()
  await walletSession.end()
  return { pairing, roundTrips }
}

/** Interleaved rounds of both clients on one relay process; the first round of each is a warm-up. */
export async function runMwpLatencyBench(
  options: { rounds?: number; requests?: number } = {},
): Promise<MwpLatencyResult> {
  const { rounds = 8, requests = 20 } = options
  const relay = await spawnMwpRelay()
  const samples = {
    dapplink: { pairing: [] as number[], rtt: [] as number[] },
    metamask: { pairing: [] as number[], rtt: [] as number[] },
  }
  try {
    for (let round = 0; round <= rounds; round++) {
      const ours = await dapplinkRun(relay.url, requests)
      const theirs = await metamaskRun(relay.url, requests)
      if (round === 0) continue
      samples.dapplink.pairing.push(ours.pairing)
      samples.dapplink.rtt.push(...ours.roundTrips)
      samples.metamask.pairing.push(theirs.pairing)
      samples.metamask.rtt.push(...theirs.roundTrips)
    }
  } finally {
    await relay.stop()
  }
  const pairing = {
    dapplink: summarize(samples.dapplink.pairing),
    metamask: summarize(samples.metamask.pairing),
  }
  const signMessage = { dapplink: summarize(samples.dapplink.rtt), metamask: summarize(samples.metamask.rtt) }
  return {
    pairing: { ...pairing, ratioP50: pairing.dapplink.p50 / pairing.metamask.p50 },
    signMessage: { ...signMessage, ratioP50: signMessage.dapplink.p50 / signMessage.metamask.p50 },
  }
}

/** The markdown table of {@link runMwpLatencyBench}. */
export function formatMwpLatencyTable(result: MwpLatencyResult): string {
  const row = (label: string, ours: Summary, theirs: Summary, ratio: number) =>
    `| ${label} | ${ours.p50.toFixed(1)} / ${ours.p90.toFixed(1)} / ${ours.p99.toFixed(1)} ms (n=${ours.count}) | ${theirs.p50.toFixed(1)} / ${theirs.p90.toFixed(1)} / ${theirs.p99.toFixed(1)} ms (n=${theirs.count}) | ${ratio.toFixed(2)}x |`
  return [
    "| MWP through the local relay | dapplink p50 / p90 / p99 | MetaMask's dapp client p50 / p90 / p99 | dapplink / MetaMask p50 |",
    '| --- | --- | --- | --- |',
    row(
      'pairing (QR shown → session usable, wallet scans at once)',
      result.pairing.dapplink,
      result.pairing.metamask,
      result.pairing.ratioP50,
    ),
    row(
      'Solana signMessage round trip',
      result.signMessage.dapplink,
      result.signMessage.metamask,
      result.signMessage.ratioP50,
    ),
  ].join('\n')
}
