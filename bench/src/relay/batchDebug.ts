import { call, fakeFrame, openChannelPair } from './protocolClient.js'
import { benchRelayEnv, relayCliPath, spawnServer } from './spawnServer.js'

const relay = await spawnServer(relayCliPath, benchRelayEnv)
try {
  const pair = await openChannelPair(relay.url)
  pair.wallet.close()
  await new Promise((r) => setTimeout(r, 200))
  for (let round = 0; round < 6; round++) {
    const frames = Array.from({ length: 64 }, () => fakeFrame(pair.channelId, 0, 170))
    const answer = await call(pair.dapp, 'send', { channel: pair.channel, frames })
    console.log(round, JSON.stringify(answer).slice(0, 200))
  }
  process.exit(0)
} finally {
  await relay.stop()
}
