// Fails the lint when a built file lost its 'use client' directive: esbuild drops module directives when
// it bundles, so tsup adds it back as a banner, and this check keeps it that way.
import { readFileSync } from 'node:fs'

const files = ['dist/index.js', 'dist/index.cjs']
const missing = files.filter((file) => !/^['"]use client['"];?\r?\n/.test(readFileSync(file, 'utf8')))
if (missing.length > 0) {
  console.error(`Missing 'use client' on the first line of: ${missing.join(', ')}`)
  process.exit(1)
}
console.log(`'use client' is the first line of ${files.join(' and ')}`)
