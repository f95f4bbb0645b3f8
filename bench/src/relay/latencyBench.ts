import type { Socket } from 'socket.io-client'
import { median, type Summary, summarize } from '../stats/summarize.js'
import { pairSession, timeSignMessages } from './pairedSession.js'
import { call, fakeFrame, openChannelPair } from './protocolClient.js'
import { bareRelayPath, benchRelayEnv, relayCliPath, spawnServer } from './spawnServer.js'

export type LatencyResult = {
  roundTrips: {
    /** The wallet kit signs each message (tweetnacl ed25519), as a real wallet does. */
    dapplink: Summary
    /** The wallet kit answers a fixed signature: the protocol and relay alone. */
    dapplinkNoSigning: Summary
    bare: Summary
    ratioP50: number
    ratioP99: number
    noSigningRatioP50: number
    noSigningRatioP99: number
  }
  /** Pairing URI ready → dapp channel open; wallet scan → both connected; URI → connected when it scans at once. */
  handshake: { dappReady: Summary; walletToConnected: Summary; uriToConnected: Summary; scanAtOnce: Summary }
  /** Median size of the request and answer frames the dapplink session sent; the bare run sends the same. */
  frameBytes: { request: number; response: number }
}

/** Bare round trips: the dapp socket sends a frame, the wallet socket answers with one, through the forwarder. */
async function bareRoundTrips(
  dapp: Socket,
  channel: string,
  frames: { request: Uint8Array },
  count: number,
): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await new Promise<void>((resolve) => {
      dapp.once('frame', () => resolve())
      dapp.emit('send', { channel, frame: frames.request }, () => {})
    })
    samples.push(performance.now() - started)
  }
  return samples
}

/**
 * Signed-request round trips through apps/relay against a bare socket.io forwarder with the same frame sizes,
 * interleaved in rounds; then handshake times. Both servers run as their own process on 127.0.0.1.
 */
export async function runLatencyBench(
  options: { rounds?: number; perRound?: number; handshakes?: number } = {},
): Promise<LatencyResult> {
  const rounds = options.rounds ?? 6
  const perRound = options.perRound ?? 100
  const relay = await spawnServer(relayCliPath, benchRelayEnv)
  const bare = await spawnServer(bareRelayPath, { PORT: '0' })
  try {
    const paired = await pairSession(relay.url)
    const pairedNoSigning = await pairSession(relay.url, relay.url, { fixedSignature: true })
    await timeSignMessages(paired.dapp, 30) // warm-up: JIT, socket buffers
    await timeSignMessages(pairedNoSigning.dapp, 30)
    const requestSizes = paired.sentFrames.dapp.slice(-60).filter((size) => size > 100)
    const responseSizes = paired.sentFrames.wallet.slice(-60).filter((size) => size > 100)
    const frameBytes = { request: median(requestSizes), response: median(responseSizes) }

    const pair = await openChannelPair(bare.url)
    const frames = {
      request: fakeFrame(pair.channelId, 0, frameBytes.request),
      response: fakeFrame(pair.channelId, 1, frameBytes.response),
    }
    pair.wallet.on('frame', () => {
      pair.wallet.emit('send', { channel: pair.channel, frame: frames.response }, () => {})
    })
    await bareRoundTrips(pair.dapp, pair.channel, frames, 30)

    const dapplinkSamples: number[] = []
    const noSigningSamples: number[] = []
    const bareSamples: number[] = []
    for (let round = 0; round < rounds; round++) {
      dapplinkSamples.push(...(await timeSignMessages(paired.dapp, perRound)))
      noSigningSamples.push(...(await timeSignMessages(pairedNoSigning.dapp, perRound)))
      bareSamples.push(...(await bareRoundTrips(pair.dapp, pair.channel, frames, perRound)))
    }
    await paired.close()
    await pairedNoSigning.close()
    await call(pair.dapp, 'leave', { channel: pair.channel }).catch(() => {})
    pair.dapp.close()
    pair.wallet.close()

    const ready: number[] = []
    const walletSide: number[] = []
    const total: number[] = []
    const atOnce: number[] = []
    const handshakes = options.handshakes ?? 30
    for (let i = 0; i < handshakes; i++) {
      const session = await pairSession(relay.url)
      ready.push(session.dappReadyMs)
      walletSide.push(session.handshakeMs)
      total.push(session.totalMs)
      await session.close()
    }
    for (let i = 0; i < Math.ceil(handshakes / 3); i++) {
      const session = await pairSession(relay.url, relay.url, { scanAtOnce: true })
      atOnce.push(session.totalMs)
      await session.close()
    }
    const dapplink = summarize(dapplinkSamples)
    const dapplinkNoSigning = summarize(noSigningSamples)
    const bareSummary = summarize(bareSamples)
    return {
      roundTrips: {
        dapplink,
        dapplinkNoSigning,
        bare: bareSummary,
        ratioP50: dapplink.p50 / bareSummary.p50,
        ratioP99: dapplink.p99 / bareSummary.p99,
        noSigningRatioP50: dapplinkNoSigning.p50 / bareSummary.p50,
        noSigningRatioP99: dapplinkNoSigning.p99 / bareSummary.p99,
      },
      handshake: {
        dappReady: summarize(ready),
        walletToConnected: summarize(walletSide),
        uriToConnected: summarize(total),
        scanAtOnce: summarize(atOnce),
      },
      frameBytes,
    }
  } finally {
    await relay.stop()
    await bare.stop()
  }
}
