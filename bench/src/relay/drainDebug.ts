import { pairSession } from './pairedSession.js'
import { benchRelayEnv, relayCliPath, spawnServer } from './spawnServer.js'

const requests = Number(process.argv[2] ?? 250)
const env = { ...benchRelayEnv }
delete env['RATE_SOCKET_EVENTS_PER_SEC']
delete env['RATE_SOCKET_EVENTS_BURST']
const relay = await spawnServer(relayCliPath, env)
const log = (...args: unknown[]) => console.log(Math.round(performance.now()), ...args)
try {
  const paired = await pairSession(relay.url, relay.url, {
    fixedSignature: true,
    pauseAfterMs: 0,
    onError: { dapp: (e) => log('dapp', e.shortMessage), wallet: (e) => log('wallet', e.shortMessage) },
  })
  paired.wallet.setVisibility('hidden')
  while (paired.wallet.getState().status !== 'paused') await new Promise((r) => setTimeout(r, 5))
  let answered = 0
  const answers = Array.from({ length: requests }, () =>
    paired.dapp.signMessage(new Uint8Array(32)).then(() => answered++),
  )
  const before = paired.relayedFrames.dapp
  const t0 = performance.now()
  while (paired.relayedFrames.dapp - before < requests) {
    await new Promise((r) => setTimeout(r, 250))
    log('filling', paired.relayedFrames, paired.events, paired.sentFrames.dapp.length)
    if (performance.now() - t0 > 6000) break
  }
  log('queued', paired.events)
  await new Promise((r) => setTimeout(r, 1200))
  paired.wallet.setVisibility('visible')
  const timer = setInterval(
    () =>
      log(
        'answered',
        answered,
        paired.events,
        paired.relayedFrames,
        paired.dapp.getState().status,
        paired.wallet.getState().status,
      ),
    500,
  )
  await Promise.race([Promise.all(answers), new Promise((r) => setTimeout(r, 8000))])
  clearInterval(timer)
  log('done', answered)
  process.exit(0)
} finally {
  await relay.stop()
}
