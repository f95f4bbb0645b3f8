// Builds the browser bundles into .bundles/ for size-limit (`--budgets-only`: ours only, fast) or all of them.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatSizeTable } from '../report/formatSizeTable.js'
import { buildBundle } from './buildBundles.js'
import { bundleSpecs } from './bundleSpecs.js'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const budgetsOnly = process.argv.includes('--budgets-only')
const specs = bundleSpecs.filter((spec) => !budgetsOnly || spec.group === 'dapplink')
const results = []
for (const spec of specs) results.push(await buildBundle(spec, benchDir, join(benchDir, '.bundles')))
if (!budgetsOnly) console.log(formatSizeTable(results))
else console.log(`Built ${results.length} bundles into .bundles/ for size-limit.`)
