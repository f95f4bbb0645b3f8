// `pnpm bench`: runs every benchmark (or the ones named: size crypto latency throughput scale), prints the
// tables and writes them to results/latest.md and results/latest.json. Everything it starts, it stops.
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCryptoBench } from './crypto/cryptoBench.js'
import { formatMwpLatencyTable, runMwpLatencyBench } from './metamask/mwpLatencyBench.js'
import { runDrainBench } from './relay/drainBench.js'
import { runLatencyBench } from './relay/latencyBench.js'
import { runScaleBench } from './relay/scaleBench.js'
import { runThroughputBench } from './relay/throughputBench.js'
import {
  formatCryptoTable,
  formatDrainTable,
  formatLatencyTables,
  formatScaleTable,
  formatThroughputTable,
} from './report/formatReport.js'
import { formatSizeTable } from './report/formatSizeTable.js'
import { buildBundle } from './size/buildBundles.js'
import { bundleSpecs } from './size/bundleSpecs.js'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const all = ['size', 'crypto', 'latency', 'drain', 'metamask', 'throughput', 'scale'] as const
const asked = process.argv
  .slice(2)
  .filter((name): name is (typeof all)[number] => all.includes(name as never))
const selected = asked.length > 0 ? asked : all

const started = Date.now()
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`
const sections: string[] = [
  `# dapplink benchmarks, ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Load average at start: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}.`,
]
const json: Record<string, unknown> = { date: new Date().toISOString(), machine, loadAtStart: loadavg() }

async function section(name: string, title: string, run: () => Promise<{ table: string; data: unknown }>) {
  const sectionStarted = Date.now()
  process.stdout.write(`\n== ${title} ...\n`)
  try {
    const { table, data } = await run()
    const seconds = ((Date.now() - sectionStarted) / 1000).toFixed(0)
    sections.push(
      '',
      `## ${title}`,
      '',
      table,
      '',
      `(${seconds} s; load average after: ${loadavg()[0]?.toFixed(2)})`,
    )
    json[name] = data
    console.log(table)
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    sections.push('', `## ${title}`, '', `FAILED: ${message}`)
    json[name] = { error: message }
    console.error(`${title} failed:`, message)
    process.exitCode = 1
  }
}

if (selected.includes('size')) {
  await section(
    'size',
    'Bundle size (esbuild, minified, browser ESM; gzip -9 and brotli 11 per chunk)',
    async () => {
      const results = []
      for (const spec of bundleSpecs)
        results.push(await buildBundle(spec, benchDir, join(benchDir, '.bundles')))
      return { table: formatSizeTable(results), data: results }
    },
  )
}
if (selected.includes('crypto')) {
  await section(
    'crypto',
    'Crypto cost (Node WebCrypto and tweetnacl, interleaved rounds, median)',
    async () => {
      const results = await runCryptoBench()
      return { table: formatCryptoTable(results), data: results }
    },
  )
}
if (selected.includes('latency')) {
  await section(
    'latency',
    'Relay latency (loopback, relay and baseline each in their own process)',
    async () => {
      const result = await runLatencyBench()
      return { table: formatLatencyTables(result), data: result }
    },
  )
}
if (selected.includes('drain')) {
  await section(
    'drain',
    'Drain after a pause (queued requests, default per-socket event budget of the relay)',
    async () => {
      const result = await runDrainBench()
      return { table: formatDrainTable(result), data: result }
    },
  )
}
if (selected.includes('metamask')) {
  await section(
    'metamask',
    "MetaMask Mobile Wallet Protocol through the local relay (dapplink vs MetaMask's dapp client)",
    async () => {
      const data = await runMwpLatencyBench()
      return { table: formatMwpLatencyTable(data), data }
    },
  )
}

if (selected.includes('throughput')) {
  await section(
    'throughput',
    'Relay throughput (one pair of peers, 200-byte frames, every frame acknowledged)',
    async () => {
      const result = await runThroughputBench()
      return { table: formatThroughputTable(result), data: result }
    },
  )
}
if (selected.includes('scale')) {
  await section('scale', 'Relay scale (idle sessions, 4 client processes)', async () => {
    // BENCH_SCALE_SESSIONS overrides the 10,000 target (a quick check of the harness).
    const sessions = Number(process.env['BENCH_SCALE_SESSIONS'] ?? 10_000)
    const results = [await runScaleBench({ nodes: 1, sessions }), await runScaleBench({ nodes: 2, sessions })]
    return { table: formatScaleTable(results), data: results }
  })
}

sections.push('', `Total: ${((Date.now() - started) / 1000).toFixed(0)} s.`)
await mkdir(join(benchDir, 'results'), { recursive: true })
const suffix = asked.length > 0 ? `-${asked.join('-')}` : ''
await writeFile(join(benchDir, 'results', `latest${suffix}.md`), `${sections.join('\n')}\n`)
await writeFile(join(benchDir, 'results', `latest${suffix}.json`), `${JSON.stringify(json, null, 2)}\n`)
console.log(`\nWrote results/latest${suffix}.md and .json (${((Date.now() - started) / 1000).toFixed(0)} s).`)
