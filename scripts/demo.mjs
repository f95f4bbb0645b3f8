#!/usr/bin/env node
// The README's demo: starts the relay, the local Solana cluster, the reference wallet and the three demo dapps
// (React, Vue, and wallet-adapter with registerDapplinkWallets) from their built outputs, waits until each answers, prints the URLs, and stops them all on
// Ctrl-C (SIGINT), SIGTERM or SIGHUP. `--install` installs the workspace first and `--build` builds the demo's
// packages (`pnpm run demo:build`, turbo): `npm run demo` passes both. Running the steps here rather than in a
// `pnpm run a && b` chain keeps Ctrl-C clean: no shell or pnpm in between to report the signal as a failure.
//
// Ports (env): DEMO_REACT_PORT 5173, DEMO_VUE_PORT 5174, WALLET_PORT 5175, RELAY_PORT 8787, CLUSTER_PORT 8899,
// DEMO_WALLET_ADAPTER_PORT 5176, MWP_RELAY_PORT 8790 (the local stand-in for MetaMask's Centrifugo relay,
// apps/mwp-relay).
// Everything keeps its state in memory: stopping the demo forgets the relay sessions and the cluster.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const startTimeoutMs = 30_000
const stopGraceMs = 5_000

/** The defaults the demo apps were built with; other ports are passed to the pages as query settings. */
const builtDefaults = { wallet: 5175, relay: 8787, cluster: 8899, mwpRelay: 8790 }

const log = (line) => process.stdout.write(`${line}\n`)
const fail = (message) => {
  process.stderr.write(`demo: ${message}\n`)
  process.exitCode = 1
}

function readPort(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    fail(`${name}=${JSON.stringify(raw)} is not a TCP port (1-65535).`)
    process.exit(2)
  }
  return port
}

const ports = {
  react: readPort('DEMO_REACT_PORT', 5173),
  vue: readPort('DEMO_VUE_PORT', 5174),
  walletAdapter: readPort('DEMO_WALLET_ADAPTER_PORT', 5176),
  wallet: readPort('WALLET_PORT', 5175),
  relay: readPort('RELAY_PORT', 8787),
  mwpRelay: readPort('MWP_RELAY_PORT', 8790),
  cluster: readPort('CLUSTER_PORT', 8899),
}
const portNames = {
  react: 'the React demo, DEMO_REACT_PORT',
  vue: 'the Vue demo, DEMO_VUE_PORT',
  walletAdapter: 'the wallet-adapter demo, DEMO_WALLET_ADAPTER_PORT',
  wallet: 'the reference wallet, WALLET_PORT',
  relay: 'the relay, RELAY_PORT',
  mwpRelay: "the local stand-in for MetaMask's relay, MWP_RELAY_PORT",
  cluster: 'the local cluster, CLUSTER_PORT',
}

/** True when something accepts connections on host:port (vite may listen on ::1 only for "localhost"). */
function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (result) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** True when the port can be bound on 127.0.0.1 (nothing listens there). */
function bindable(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

async function isBusy(port) {
  if (!(await bindable(port))) return true
  return (await answers('127.0.0.1', port)) || (await answers('::1', port))
}

const required = [
  ['apps/relay/dist/cli.js', '@dapplink-app/relay'],
  ['apps/mwp-relay/dist/cli.js', '@dapplink-app/mwp-relay'],
  ['apps/cluster/dist/cli.js', '@dapplink-app/cluster'],
  ['apps/wallet/dist/index.html', '@dapplink-app/wallet-app'],
  ['apps/demo-react/dist/index.html', '@dapplink-app/demo-react'],
  ['apps/demo-vue/dist/index.html', '@dapplink-app/demo-vue'],
  ['apps/demo-wallet-adapter/dist/index.html', '@dapplink-app/demo-wallet-adapter'],
]

/** @type {{ name: string, child: import('node:child_process').ChildProcess, output: string }[]} */
const services = []
let stopping = false

/** Starts `node <args>` in its own process group, so that stopping it also stops anything it started. */
function start(name, args, { cwd = repoDir, env = {} } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const service = { name, child, output: '' }
  const keep = (chunk) => {
    service.output = (service.output + chunk.toString()).slice(-4_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  child.once('exit', (code, signal) => {
    if (stopping) return
    fail(
      `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}). Its last output:\n${service.output}`,
    )
    void stopAll(1)
  })
  services.push(service)
  return service
}

/** Resolves when 127.0.0.1:port accepts connections (a WebSocket-only server has no HTTP page). */
async function waitForTcp(service, port) {
  const deadline = Date.now() + startTimeoutMs
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping')
    if (await answers('127.0.0.1', port)) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(
    `${service.name} did not listen on port ${port} within ${startTimeoutMs / 1000} s:\n${service.output}`,
  )
}

/** Resolves when `url` answers HTTP 200, or rejects after the start timeout. */
async function waitForHttp(service, url, init) {
  const deadline = Date.now() + startTimeoutMs
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping')
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) })
      if (response.ok) return
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(
    `${service.name} did not answer ${url} within ${startTimeoutMs / 1000} s:\n${service.output}`,
  )
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

/** SIGTERM to every process group, SIGKILL to those still there after the grace period, then exit. */
async function stopAll(exitCode) {
  if (stopping) return
  stopping = true
  const running = services.filter(({ child }) => child.exitCode === null && child.signalCode === null)
  await Promise.all(
    running.map(
      ({ child }) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => killGroup(child, 'SIGKILL'), stopGraceMs)
          child.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          killGroup(child, 'SIGTERM')
        }),
    ),
  )
  // Leftovers of a group whose leader already exited (none expected): never leave orphans.
  for (const { child } of services) killGroup(child, 'SIGKILL')
  log(running.length > 0 ? 'demo: stopped everything.' : 'demo: nothing to stop.')
  process.exit(exitCode ?? process.exitCode ?? 0)
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`\ndemo: ${signal}, stopping…`)
    void stopAll(0)
  })
}

/** Runs a preparation step through the pinned pnpm; stops the demo when it fails. */
function prepare(args) {
  const result = spawnSync(process.execPath, [join(repoDir, 'scripts/pnpm.mjs'), ...args], {
    cwd: repoDir,
    stdio: 'inherit',
  })
  if (result.status === 0) return true
  if (result.signal === null) fail(`\`pnpm ${args.join(' ')}\` failed (exit code ${result.status}).`)
  return false
}

async function main() {
  const flags = new Set(process.argv.slice(2))
  if (flags.has('--install') && !prepare(['install', '--frozen-lockfile'])) return
  if (flags.has('--build') && !prepare(['run', 'demo:build'])) return
  const missing = required.filter(([path]) => !existsSync(join(repoDir, path)))
  if (missing.length > 0) {
    fail(
      `not built yet: ${missing.map(([, name]) => name).join(', ')}. Run \`pnpm run demo:start\` ` +
        '(builds with turbo, then starts the demo) or `npm run demo` on a fresh clone.',
    )
    return
  }
  const busy = []
  for (const [key, port] of Object.entries(ports))
    if (await isBusy(port)) busy.push(`${port} (${portNames[key]})`)
  const distinct = new Set(Object.values(ports))
  if (distinct.size !== Object.keys(ports).length) {
    fail(`two services share a port: ${JSON.stringify(ports)}.`)
    return
  }
  if (busy.length > 0) {
    fail(
      `port${busy.length > 1 ? 's' : ''} already in use: ${busy.join(', ')}. Stop what uses ` +
        `${busy.length > 1 ? 'them' : 'it'} (another \`npm run demo\`?) or choose other ports with those env variables.`,
    )
    return
  }

  const relayUrl = `http://127.0.0.1:${ports.relay}`
  const clusterUrl = `http://127.0.0.1:${ports.cluster}`
  const walletUrl = `http://localhost:${ports.wallet}`
  const vite = (app) => join(repoDir, 'apps', app, 'node_modules', 'vite', 'bin', 'vite.js')

  const relay = start('relay', ['apps/relay/dist/cli.js', '--port', String(ports.relay)], {
    env: { LOG_LEVEL: 'warn' },
  })
  const mwpRelay = start('MetaMask relay stand-in', [
    'apps/mwp-relay/dist/cli.js',
    '--port',
    String(ports.mwpRelay),
  ])
  const cluster = start('cluster', ['apps/cluster/dist/cli.js', '--port', String(ports.cluster)])
  const wallet = start('wallet', [vite('wallet'), 'preview'], {
    cwd: join(repoDir, 'apps/wallet'),
    env: { WALLET_PORT: String(ports.wallet) },
  })
  const react = start('React demo', [vite('demo-react'), 'preview'], {
    cwd: join(repoDir, 'apps/demo-react'),
    env: { DEMO_REACT_PORT: String(ports.react) },
  })
  const vue = start('Vue demo', [vite('demo-vue'), 'preview'], {
    cwd: join(repoDir, 'apps/demo-vue'),
    env: { DEMO_VUE_PORT: String(ports.vue) },
  })
  const walletAdapter = start('wallet-adapter demo', [vite('demo-wallet-adapter'), 'preview'], {
    cwd: join(repoDir, 'apps/demo-wallet-adapter'),
    env: { DEMO_WALLET_ADAPTER_PORT: String(ports.walletAdapter) },
  })

  const started = Date.now()
  await Promise.all([
    waitForHttp(relay, `${relayUrl}/health`),
    waitForTcp(mwpRelay, ports.mwpRelay),
    waitForHttp(cluster, `${clusterUrl}/health`),
    waitForHttp(wallet, `${walletUrl}/`),
    waitForHttp(react, `http://localhost:${ports.react}/`),
    waitForHttp(vue, `http://localhost:${ports.vue}/`),
    waitForHttp(walletAdapter, `http://localhost:${ports.walletAdapter}/`),
  ])

  // The apps were built for the default ports; any other port reaches the pages as query settings.
  const mwpRelayUrl = `ws://127.0.0.1:${ports.mwpRelay}/connection/websocket`
  const dappQuery =
    ports.wallet !== builtDefaults.wallet ||
    ports.relay !== builtDefaults.relay ||
    ports.cluster !== builtDefaults.cluster ||
    ports.mwpRelay !== builtDefaults.mwpRelay
      ? `/?${new URLSearchParams({ walletUrl, relayUrl, rpcUrl: clusterUrl, mwpRelayUrl })}`
      : ''
  // The wallet reads ?mwpRelayUrl= for pasted MetaMask links (the demos' Open-in-wallet link carries its own).
  const walletSettings = new URLSearchParams()
  if (ports.cluster !== builtDefaults.cluster) walletSettings.set('rpcUrl', clusterUrl)
  if (ports.mwpRelay !== builtDefaults.mwpRelay) walletSettings.set('mwpRelayUrl', mwpRelayUrl)
  const walletQuery = walletSettings.size > 0 ? `/?${walletSettings}` : ''

  log(`
dapplink demo: everything is up (${Date.now() - started} ms), in memory only.

  React demo   http://localhost:${ports.react}${dappQuery}
  Vue demo     http://localhost:${ports.vue}${dappQuery}
  wallet-adapter demo  http://localhost:${ports.walletAdapter}${dappQuery}   (registerDapplinkWallets: pick "QR code" or "MetaMask Mobile (QR)")
  Wallet       ${walletUrl}${walletQuery}   (reference wallet; test keys only)
  Relay        ${relayUrl}
  MWP relay    ${mwpRelayUrl}   (local stand-in for MetaMask's relay)
  Cluster RPC  ${clusterUrl}   (local Solana cluster, litesvm)

Open a demo, connect by deeplink, by QR code (relay) or with "MetaMask Mobile", airdrop 1 SOL, then sign and send.
Press Ctrl-C to stop everything.`)
}

main().catch((error) => {
  if (stopping) return
  fail(error instanceof Error ? error.message : String(error))
  void stopAll(1)
})
