// Smoke test of the reference wallet in a real browser: starts the local cluster, the relay, a tiny dapp
// callback server and `vite preview`, then drives the wallet with Chromium through deeplink round trips
// (connect, signMessage, signAndSendTransaction on the cluster, reject) and a relay session (pairing,
// verification code, approve, pause and resume). Every process it starts is stopped by PID at the end.
//
// Usage: pnpm --filter @dapplink-app/wallet-app build && node scripts/smoke.mjs [--skip-relay]
// Env: CHROMIUM_PATH (default /usr/bin/chromium).
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDeeplinkClient, createMemoryStorage, defineWalletProfile } from '@dapplink/core'
import { Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const appDir = join(here, '..')
const repoDir = join(appDir, '..', '..')
const screenshotDir = join(appDir, 'screenshots')
const skipRelay = process.argv.includes('--skip-relay')
const children = []
const timings = {}

const log = (message) => process.stdout.write(`[smoke] ${message}\n`)
const assert = (condition, message) => {
  if (!condition) throw new Error(`Assertion failed: ${message}`)
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts a node process and resolves with the first stdout JSON line that has `msg: 'listening'`. */
function startListening(name, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoDir, env: { ...process.env, ...env } })
    children.push({ name, child })
    let buffer = ''
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 20 s`)), 20_000)
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      for (const line of buffer.split('\n')) {
        try {
          const parsed = JSON.parse(line)
          if (parsed.msg === 'listening') {
            clearTimeout(timer)
            resolve(parsed)
          }
        } catch {}
      }
    })
    child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited with ${code}`))
    })
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function startPreview(port) {
  const vite = join(appDir, 'node_modules', 'vite', 'bin', 'vite.js')
  const child = spawn(process.execPath, [vite, 'preview'], {
    cwd: appDir,
    env: { ...process.env, WALLET_PORT: String(port) },
  })
  children.push({ name: 'vite preview', child })
  child.stderr.on('data', (chunk) => process.stderr.write(`[vite] ${chunk}`))
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`http://localhost:${port}/ul/v1/connect`)
      const html = await response.text()
      if (response.ok && html.includes('id="app"')) return
    } catch {}
    await sleep(200)
  }
  throw new Error('vite preview did not serve the SPA fallback within 20 s')
}

/** The dapp's redirect target: answers every path with a small page (the wallet returns here). */
function startDappServer() {
  return new Promise((resolve) => {
    const server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end('<!doctype html><title>dapp</title><p>dapp callback</p>')
    })
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

async function rpc(url, method, params) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = await response.json()
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
  return body.result
}

async function main() {
  mkdirSync(screenshotDir, { recursive: true })
  const cluster = await startListening('cluster', [join(repoDir, 'apps/cluster/dist/cli.js'), '--port', '0'])
  log(`cluster at ${cluster.url}`)
  const dappServer = await startDappServer()
  const dappOrigin = `http://127.0.0.1:${dappServer.address().port}`
  const walletPort = await freePort()
  await startPreview(walletPort)
  const walletOrigin = `http://localhost:${walletPort}`
  log(`wallet at ${walletOrigin} (SPA fallback serves /ul/v1/connect)`)

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 480, height: 1000 } })
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => log(`page error: ${error.message}`))
    // Point the wallet at the local cluster once; the setting is saved in its localStorage.
    await page.goto(`${walletOrigin}/?rpcUrl=${encodeURIComponent(cluster.url)}&pauseAfterMs=300`)
    const walletPublicKey = (await page.getByTestId('public-key').textContent()).trim()
    await page.getByTestId('balance').filter({ hasText: 'SOL' }).waitFor()
    log(`wallet account ${walletPublicKey}`)

    await deeplinkRoundTrips({ page, walletOrigin, dappOrigin, walletPublicKey, clusterUrl: cluster.url })
    if (!skipRelay) await relayRoundTrip({ page, walletOrigin, walletPublicKey, clusterUrl: cluster.url })
    else log('relay part skipped (--skip-relay)')
  } finally {
    await browser.close()
    dappServer.close()
  }
  log(`timings (ms): ${JSON.stringify(timings)}`)
  log('OK')
}

async function deeplinkRoundTrips({ page, walletOrigin, dappOrigin, walletPublicKey, clusterUrl }) {
  const profile = defineWalletProfile({
    id: 'reference',
    name: 'Reference wallet',
    baseUrl: `${walletOrigin}/ul/v1/`,
    encryptionPublicKeyParam: 'phantom_encryption_public_key',
  })
  const opened = []
  const client = createDeeplinkClient({
    profile,
    appUrl: dappOrigin,
    redirectLink: `${dappOrigin}/callback`,
    storage: createMemoryStorage(),
    navigate: (url) => {
      opened.push(url)
    },
  })
  /** Opens the deeplink the client asked for, answers it, and hands the redirect back to the client. */
  const roundTrip = async (action, name, check, answer = 'approve') => {
    const started = Date.now()
    const before = opened.length
    const pending = action()
    pending.catch(() => {})
    for (let index = 0; index < 50 && opened.length === before; index++) await sleep(10)
    assert(opened.length === before + 1, `${name}: the client opened a deeplink`)
    await page.goto(opened.at(-1))
    await page.getByTestId('approve').waitFor()
    await check?.()
    await page.getByTestId(answer).click()
    await page.waitForURL(`${dappOrigin}/callback**`, { timeout: 45_000 })
    const url = page.url()
    try {
      client.handleRedirect(url)
    } catch (error) {
      await pending.catch(() => {})
      timings[name] = Date.now() - started
      throw error
    }
    const result = await pending
    timings[name] = Date.now() - started
    return result
  }

  // connect
  const connected = await roundTrip(
    () => client.connect(),
    'connect',
    async () => {
      assert(
        (await page.getByTestId('app-name').textContent()) === new URL(dappOrigin).host,
        'app name is shown',
      )
      assert((await page.getByTestId('app-url').textContent()) === dappOrigin, 'app URL is shown')
      await page.screenshot({ path: join(screenshotDir, 'approve.png'), fullPage: true })
    },
  )
  assert(connected.publicKey === walletPublicKey, 'connect returns the wallet public key')
  assert(connected.sessionVerified === true, 'the session token verifies')
  log(`connect OK (session verified) in ${timings.connect} ms`)

  // signMessage: a new page load of the wallet must find the session in localStorage.
  const text = 'Sign in to the smoke test ✓'
  const { signature } = await roundTrip(
    () => client.signMessage(text),
    'signMessage',
    async () => {
      assert((await page.getByTestId('message-text').textContent()) === text, 'message text is shown')
    },
  )
  const { default: nacl } = await import('tweetnacl')
  assert(
    nacl.sign.detached.verify(
      new TextEncoder().encode(text),
      signature,
      new PublicKey(walletPublicKey).toBytes(),
    ),
    'the message signature verifies',
  )
  log(`signMessage OK in ${timings.signMessage} ms`)

  // reject
  let rejected
  try {
    await roundTrip(() => client.signMessage('please reject'), 'reject', undefined, 'reject')
  } catch (error) {
    rejected = error
  }
  assert(rejected?.code === 4001, `reject answers 4001 (got ${rejected?.name} ${rejected?.code})`)
  log(`reject OK (${rejected.name})`)

  // signAndSendTransaction on the local cluster: fund the wallet with its own Airdrop button first.
  await page.goto(`${walletOrigin}/`)
  await page.getByTestId('balance').filter({ hasText: 'SOL' }).waitFor()
  await page.getByTestId('airdrop').click()
  await page.getByTestId('status').filter({ hasText: 'Airdrop of 1 SOL confirmed' }).waitFor()
  await page.getByTestId('balance').filter({ hasText: '1 SOL' }).waitFor()
  log('airdrop button OK (balance 1 SOL)')
  const recipient = Keypair.generate().publicKey
  const { value } = await rpc(clusterUrl, 'getLatestBlockhash', [])
  const transaction = new Transaction({
    feePayer: new PublicKey(walletPublicKey),
    recentBlockhash: value.blockhash,
  })
  transaction.add(
    SystemProgram.transfer({
      fromPubkey: new PublicKey(walletPublicKey),
      toPubkey: recipient,
      lamports: 250_000_000,
    }),
  )
  const sent = await roundTrip(
    () => client.signAndSendTransaction(transaction),
    'signAndSendTransaction',
    async () => {
      assert((await page.getByTestId('tx-fee-payer').textContent()) === walletPublicKey, 'fee payer is shown')
      assert(
        (await page.getByTestId('tx-instruction-count').textContent()) === '1',
        'instruction count is shown',
      )
      assert((await page.getByTestId('tx-transfer-amount').textContent()) === '0.25 SOL', 'amount is shown')
      assert(
        (await page.getByTestId('tx-transfer-recipient').textContent()) === recipient.toBase58(),
        'recipient',
      )
      await page.screenshot({ path: join(screenshotDir, 'approve-transaction.png'), fullPage: true })
    },
  )
  const statuses = await rpc(clusterUrl, 'getSignatureStatuses', [
    [sent.transactionSignature],
    { searchTransactionHistory: true },
  ])
  assert(statuses.value[0] && statuses.value[0].err === null, 'the sent transaction landed without error')
  const received = await rpc(clusterUrl, 'getBalance', [recipient.toBase58()])
  assert(received.value === 250_000_000, `the recipient got 0.25 SOL (got ${received.value})`)
  log(
    `signAndSendTransaction OK (${sent.transactionSignature.slice(0, 12)}…, recipient has 0.25 SOL) in ${timings.signAndSendTransaction} ms`,
  )

  // Reopening an answered link (history) must not sign twice.
  await page.goto(opened.at(-1))
  await page.getByTestId('error').waitFor()
  assert(
    (await page.getByTestId('error-message').textContent()).includes('already answered'),
    'replayed link refused',
  )
  log('replayed deeplink refused OK')
}

async function relayRoundTrip({ page, walletOrigin, walletPublicKey, clusterUrl }) {
  const relay = await startListening(
    'relay',
    [join(repoDir, 'apps/relay/dist/cli.js'), '--port', '0', '--host', '127.0.0.1'],
    {
      LOG_LEVEL: 'warn',
    },
  )
  log(`relay at ${relay.url}`)
  const { createRelaySession } = await import('@dapplink/core/relay')
  const started = Date.now()
  const session = createRelaySession({
    relayUrl: relay.url,
    app: { name: 'Smoke dapp', url: 'http://smoke.example' },
    walletLinkBaseUrl: `${walletOrigin}/ul/v1/`,
    navigate: () => {},
  })
  try {
    await waitForState(session, (state) => state.status === 'connecting' && session.pairingUri, 'pairing URI')
    const connecting = session.connect()
    connecting.catch(() => {})
    await page.goto(session.walletLink)
    await page.getByTestId('approve').waitFor()
    const walletCode = (await page.getByTestId('verification-code').textContent()).trim()
    assert(walletCode === session.getState().verificationCode, 'both sides show the same verification code')
    assert(
      (await page.getByTestId('request-verification-code').textContent()) === walletCode,
      'code on the request',
    )
    assert(
      (await page.getByTestId('app-name').textContent()) === 'Smoke dapp',
      'relay connect shows the app name',
    )
    assert(!page.url().includes('#uri='), 'the pairing URI left the address bar')
    await page.screenshot({ path: join(screenshotDir, 'relay-connect.png'), fullPage: true })
    await page.getByTestId('approve').click()
    const { accounts } = await connecting
    assert(accounts[0] === walletPublicKey, 'relay connect returns the wallet account')
    timings.relayConnect = Date.now() - started
    log(`relay pairing + connect OK (code ${walletCode}) in ${timings.relayConnect} ms`)

    const signing = session.signMessage('relay hello')
    await page.getByTestId('message-text').filter({ hasText: 'relay hello' }).waitFor()
    await page.getByTestId('approve').click()
    const { signature } = await signing
    assert(signature.length === 64, 'relay signMessage returns a 64-byte signature')
    log('relay signMessage OK')

    // signAndSendTransaction over the relay really lands on the cluster.
    const recipient = Keypair.generate().publicKey
    const { value } = await rpc(clusterUrl, 'getLatestBlockhash', [])
    const payer = new PublicKey(walletPublicKey)
    const transfer = new Transaction({ feePayer: payer, recentBlockhash: value.blockhash })
    transfer.add(SystemProgram.transfer({ fromPubkey: payer, toPubkey: recipient, lamports: 100_000_000 }))
    const sending = session.signAndSendTransaction(transfer)
    await page.getByTestId('tx-transfer-amount').filter({ hasText: '0.1 SOL' }).waitFor()
    assert(
      (await page.getByTestId('tx-transfer-recipient').textContent()) === recipient.toBase58(),
      'relay recipient',
    )
    await page.getByTestId('approve').click()
    const { transactionSignature: relaySignature } = await sending
    const landed = await rpc(clusterUrl, 'getSignatureStatuses', [
      [relaySignature],
      { searchTransactionHistory: true },
    ])
    assert(landed.value[0] && landed.value[0].err === null, 'the relay-sent transaction landed')
    const got = await rpc(clusterUrl, 'getBalance', [recipient.toBase58()])
    assert(got.value === 100_000_000, `the relay recipient got 0.1 SOL (got ${got.value})`)
    log('relay signAndSendTransaction OK (landed on the cluster)')

    const refusing = session.signMessage('relay reject')
    refusing.catch(() => {})
    await page.getByTestId('message-text').filter({ hasText: 'relay reject' }).waitFor()
    await page.getByTestId('reject').click()
    const refused = await refusing.then(
      () => undefined,
      (error) => error,
    )
    assert(refused?.code === 4001, `relay reject answers 4001 (got ${refused?.name})`)
    log('relay reject OK')

    const pauseStarted = Date.now()
    await page.getByTestId('background-toggle').click()
    await waitForState(session, (state) => state.status === 'paused', 'dapp sees paused')
    await page.getByTestId('relay-state').filter({ hasText: 'paused' }).waitFor()
    timings.pause = Date.now() - pauseStarted
    // A request made while paused waits in the relay queue and is answered after resume.
    const queued = session.signMessage('while paused')
    queued.catch(() => {})
    await page.getByTestId('background-toggle').click()
    await waitForState(session, (state) => state.status === 'connected', 'dapp sees connected again')
    await page.getByTestId('message-text').filter({ hasText: 'while paused' }).waitFor()
    await page.getByTestId('approve').click()
    await queued
    timings.resume = Date.now() - pauseStarted
    log(`relay pause (${timings.pause} ms with pauseAfterMs=300) and resume OK; queued request answered`)

    await session.disconnect()
    await page.getByTestId('relay-state').filter({ hasText: 'cleared' }).waitFor()
    const endStatus = (await page.getByTestId('status').textContent()).trim()
    assert(
      endStatus === 'The dapp ended the session.',
      `the wallet says the dapp ended it (got "${endStatus}")`,
    )
    assert((await page.getByTestId('verification-code').textContent()) === '', 'the old code is cleared')
    log('relay disconnect OK (wallet says the dapp ended the session, code cleared)')

    // The used pairing link again: a prompt message, not a 10 s spin.
    const usedStarted = Date.now()
    await page.goto(session.walletLink)
    await page.locator('[data-testid="relay-error"]:not([hidden])').waitFor()
    const usedMessage = (await page.getByTestId('relay-error').textContent()).trim()
    assert(
      usedMessage.startsWith('This pairing link was already used'),
      `used link message (got "${usedMessage}")`,
    )
    timings.usedLinkMessage = Date.now() - usedStarted
    log(`used pairing link refused in ${timings.usedLinkMessage} ms`)
  } finally {
    await session.disconnect().catch(() => {})
  }
}

async function waitForState(session, predicate, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (predicate(session.getState())) return
    await sleep(25)
  }
  throw new Error(`Timed out waiting for: ${what} (state ${JSON.stringify(session.getState())})`)
}

function stopChildren() {
  for (const { name, child } of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      log(`stopped ${name} (pid ${child.pid})`)
    }
  }
}

const watchdog = setTimeout(() => {
  log('FAILED: the smoke test took longer than 180 s')
  stopChildren()
  process.exit(1)
}, 180_000)

main()
  .catch((error) => {
    process.exitCode = 1
    log(`FAILED: ${error.stack ?? error}`)
  })
  .finally(() => {
    clearTimeout(watchdog)
    stopChildren()
  })
