import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './freePort.js'
import { type Service, startService, stopService, waitForHttp, waitForListeningLine } from './startService.js'

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')

/** Where the tests find everything (all on free ports, never the demo's defaults). */
export type ServiceUrls = {
  relayUrl: string
  clusterUrl: string
  walletUrl: string
  reactUrl: string
  vueUrl: string
  /** apps/demo-wallet-adapter: wallet-adapter's button with registerDapplinkWallets(). */
  walletAdapterUrl: string
}

export type RunningServices = { urls: ServiceUrls; stop(): Promise<void> }

/** `vite preview` of an app's built `dist`, on `port` (the app's vite config reads `portEnv`). */
async function startPreview(app: string, portEnv: string, expect: string, services: Service[]) {
  const port = await freePort()
  const appDir = join(repoDir, 'apps', app)
  const service = startService({
    name: `${app} (vite preview)`,
    args: [join(appDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview'],
    cwd: appDir,
    env: { [portEnv]: String(port) },
  })
  services.push(service)
  const url = `http://localhost:${port}`
  await waitForHttp(service, `${url}/`, expect)
  return url
}

/**
 * Starts the relay, the local cluster, the reference wallet and the three demos from their built outputs. Build
 * first (turbo does it for `test`: the e2e package depends on all six).
 */
export async function startServices(): Promise<RunningServices> {
  const services: Service[] = []
  const stop = async () => {
    await Promise.all(services.reverse().map((service) => stopService(service)))
  }
  try {
    const relay = startService({
      name: 'relay',
      args: [join(repoDir, 'apps/relay/dist/cli.js'), '--port', '0', '--host', '127.0.0.1'],
      cwd: repoDir,
      env: { LOG_LEVEL: 'warn' },
    })
    services.push(relay)
    const cluster = startService({
      name: 'cluster',
      args: [join(repoDir, 'apps/cluster/dist/cli.js'), '--port', '0'],
      cwd: repoDir,
    })
    services.push(cluster)
    const [relayUrl, clusterUrl, walletUrl, reactUrl, vueUrl, walletAdapterUrl] = await Promise.all([
      waitForListeningLine(relay),
      waitForListeningLine(cluster),
      startPreview('wallet', 'WALLET_PORT', 'id="app"', services),
      startPreview('demo-react', 'DEMO_REACT_PORT', 'id="root"', services),
      startPreview('demo-vue', 'DEMO_VUE_PORT', 'id="app"', services),
      startPreview('demo-wallet-adapter', 'DEMO_WALLET_ADAPTER_PORT', 'id="root"', services),
    ])
    return { urls: { relayUrl, clusterUrl, walletUrl, reactUrl, vueUrl, walletAdapterUrl }, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
