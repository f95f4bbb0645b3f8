import type { BundleResult } from '../size/buildBundles.js'
import { baselineBundleId } from '../size/bundleSpecs.js'
import { kib, markdownTable, ratio } from '../stats/format.js'

const packages = (list: readonly { name: string; bytes: number }[]) =>
  list
    .slice(0, 3)
    .map((item) => `${item.name} ${kib(item.bytes)}`)
    .join(', ')

/** The bundle-size table: every bundle with its ratio (gzip) to the MetaMask SDK measured in the same run. */
export function formatSizeTable(results: readonly BundleResult[]): string {
  const baseline = results.find((result) => result.spec.id === baselineBundleId)
  const rows = results.map((result) => [
    result.spec.label,
    kib(result.eager.minified),
    kib(result.eager.gzip),
    kib(result.eager.brotli),
    baseline ? ratio(result.eager.gzip, baseline.eager.gzip) : 'n/a',
    result.chunks > 1
      ? `${kib(result.total.gzip)} / ${kib(result.total.brotli)} (${result.chunks} chunks)`
      : 'same',
    baseline ? ratio(result.total.gzip, baseline.total.gzip) : 'n/a',
    packages(result.topPackages.total),
    [
      result.nodeBuiltins.length > 0 ? `imports ${result.nodeBuiltins.join(', ')}` : '',
      result.usesProcessGlobal ? 'reads `process`' : '',
      result.usesBufferGlobal ? 'uses `Buffer`' : '',
    ]
      .filter(Boolean)
      .join('; ') || 'none',
  ])
  return markdownTable(
    [
      'bundle',
      'eager min',
      'eager gzip',
      'eager brotli',
      'eager gzip vs MetaMask',
      'all chunks gzip / brotli',
      'all gzip vs MetaMask',
      'largest packages, all chunks (minified)',
      'Node built-ins / globals',
    ],
    rows,
  )
}
