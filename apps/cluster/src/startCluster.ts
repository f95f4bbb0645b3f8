import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LiteSVM } from 'litesvm'
import type { FundEntry } from './config/parseFundSpec.js'
import { InvalidClusterOptionError } from './errors/InvalidClusterOptionError.js'
import { createRequestListener, defaultMaxBodyBytes } from './http/createRequestListener.js'
import { Ledger } from './ledger/Ledger.js'
import { handleRpcBody } from './rpc/handleRpcBody.js'
import { rpcMethods } from './rpc/rpcMethods.js'

/** The default cap on one `requestAirdrop`: 100 SOL. */
export const defaultMaxAirdropLamports = 100_000_000_000n

export type StartClusterOptions = {
  /** TCP port; 0 picks a free one. Default 8899, Solana's usual RPC port. */
  port?: number | undefined
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string | undefined
  /** Accounts to airdrop to before the server accepts requests. */
  fund?: readonly FundEntry[] | undefined
  /** Cap on one `requestAirdrop`, in lamports. Default 100 SOL. Funding at start is not capped. */
  maxAirdropLamports?: bigint | undefined
  /** Cap on a request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** Receives unexpected errors (bugs, not bad input). Default: written to stderr. */
  onInternalError?: ((error: unknown) => void) | undefined
}

export type Cluster = {
  /** The JSON-RPC endpoint, e.g. `http://127.0.0.1:8899`. */
  url: string
  port: number
  /** The litesvm instance behind the cluster, to set up state directly in tests. */
  svm: LiteSVM
  /** Stops accepting requests, closes open connections and resolves when the server is down. */
  close(): Promise<void>
}

/**
 * Starts a local Solana JSON-RPC endpoint backed by litesvm: transactions really execute, and
 * clients confirm by polling `getSignatureStatuses` (there is no websocket).
 *
 * @example
 * const cluster = await startCluster({ port: 0 })
 * const connection = new Connection(cluster.url, 'confirmed')
 * await cluster.close()
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<Cluster> {
  const port = options.port ?? 8899
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidClusterOptionError(`Port ${port} is not a TCP port.`, {
      details: 'Use an integer from 0 to 65535; 0 picks a free port.',
    })
  }
  const host = options.host ?? '127.0.0.1'
  const ledger = new Ledger()
  for (const { address, lamports } of options.fund ?? []) ledger.airdrop(address, lamports)
  const context = { ledger, maxAirdropLamports: options.maxAirdropLamports ?? defaultMaxAirdropLamports }
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) => process.stderr.write(`cluster: internal error: ${String(error)}\n`))
  const server = createServer(
    createRequestListener({
      handleBody: (body) => handleRpcBody(body, { methods: rpcMethods, context, onInternalError }),
      maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    }),
  )
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${bound}`,
    port: bound,
    svm: ledger.svm,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}
