import { mkdir, rm, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import type { BundleSpec } from './bundleSpecs.js'

/** Packages a dapp already ships: left out of every bundle (ours and the peers' alike). */
export const frameworkExternals = ['react', 'react-dom', 'react/*', 'react-dom/*', 'vue']

/** Minified, gzip (level 9) and brotli (quality 11) bytes, each chunk compressed on its own and summed. */
export type Sizes = { minified: number; gzip: number; brotli: number }

/** Sizes of one bundle. */
export type BundleResult = {
  spec: BundleSpec
  /** Every chunk, lazy ones included: what the browser downloads once every feature was used. */
  total: Sizes
  /** The entry chunk and the chunks it imports statically: what loads before any lazy `import()`. */
  eager: Sizes
  chunks: number
  /** Output files (relative to the bench package), for size-limit's config. */
  files: { eager: string[]; all: string[] }
  /** Node built-ins the code imports: left external (a browser bundler must shim them), listed so nobody is surprised. */
  nodeBuiltins: string[]
  /** Whether the output reads the Node globals `process` or `Buffer` (esbuild injects no shim; neither do we). */
  usesProcessGlobal: boolean
  usesBufferGlobal: boolean
  /** Largest contributors by minified bytes, grouped by npm package: in the eager chunks, and in all chunks. */
  topPackages: { eager: PackageBytes[]; total: PackageBytes[] }
  buildMs: number
}

const builtinNames = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

// Same treatment for every bundle: a Node built-in that the package's `browser` field does not already map
// away is left external and reported, never silently polyfilled (a dapp's bundler would have to shim it).
function flagNodeBuiltins(found: Set<string>): Plugin {
  return {
    name: 'flag-node-builtins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[a-z_:/]+$/ }, async (args) => {
        if (args.pluginData === 'flag-node-builtins') return undefined
        const root = args.path.replace(/^node:/, '').split('/')[0] ?? ''
        if (!builtinNames.has(args.path) && !builtinNames.has(root)) return undefined
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'flag-node-builtins',
        })
        if (resolved.errors.length === 0) return undefined
        found.add(args.path)
        return { path: args.path, external: true }
      })
    },
  }
}

/** The npm package an esbuild input path belongs to (`node_modules/.pnpm/x/node_modules/@scope/name/...`). */
export function packageOfInput(inputPath: string): string {
  const marker = 'node_modules/'
  const at = inputPath.lastIndexOf(marker)
  if (at === -1) {
    // Workspace packages resolve through their symlinks to ../packages/<name>/dist.
    const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(inputPath)
    return workspace ? `@dapplink/${workspace[1]}` : '(entry)'
  }
  const rest = inputPath.slice(at + marker.length).split('/')
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? inputPath)
}

export type PackageBytes = { name: string; bytes: number }

function topPackages(metafile: Metafile, outputs: readonly string[]): PackageBytes[] {
  const byPackage = new Map<string, number>()
  for (const path of outputs) {
    const output = metafile.outputs[path]
    if (!output) continue
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOfInput(input)
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
    }
  }
  return [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6)
}

/** The entry chunk and, transitively, every chunk it imports statically (dynamic `import()` targets excluded). */
function eagerOutputs(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((path) => /\/index\.js$/.test(path))
  const seen = new Set<string>()
  const visit = (path: string) => {
    if (seen.has(path) || !metafile.outputs[path]) return
    seen.add(path)
    for (const imported of metafile.outputs[path].imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
    }
  }
  if (entry) visit(entry)
  return [...seen]
}

const gzipBytes = (data: Uint8Array) => gzipSync(data, { level: 9 }).length
const brotliBytes = (data: Uint8Array) =>
  brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/**
 * Bundles one entry for the browser the way a dapp's production build would: ESM, minified, tree-shaken,
 * code-split at dynamic `import()`, `process.env.NODE_ENV` set to production, frameworks external.
 */
export async function buildBundle(
  spec: BundleSpec,
  benchDir: string,
  outRoot: string,
): Promise<BundleResult> {
  const outdir = join(outRoot, spec.id)
  await rm(outdir, { recursive: true, force: true })
  await mkdir(outdir, { recursive: true })
  const builtins = new Set<string>()
  const started = performance.now()
  const result = await build({
    absWorkingDir: benchDir,
    entryPoints: { index: spec.entry },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2020',
    outdir,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    jsx: 'automatic',
    external: frameworkExternals,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [flagNodeBuiltins(builtins)],
  })
  const buildMs = performance.now() - started
  const metafile = result.metafile
  const eagerPaths = new Set(eagerOutputs(metafile).map((path) => join(benchDir, path)))
  const total: Sizes = { minified: 0, gzip: 0, brotli: 0 }
  const eager: Sizes = { minified: 0, gzip: 0, brotli: 0 }
  const files = { eager: [] as string[], all: [] as string[] }
  let code = ''
  for (const file of result.outputFiles.filter((output) => output.path.endsWith('.js'))) {
    await writeFile(file.path, file.contents)
    const sizes = {
      minified: file.contents.length,
      gzip: gzipBytes(file.contents),
      brotli: brotliBytes(file.contents),
    }
    const isEager = eagerPaths.has(file.path)
    for (const target of isEager ? [total, eager] : [total]) {
      target.minified += sizes.minified
      target.gzip += sizes.gzip
      target.brotli += sizes.brotli
    }
    const name = relative(benchDir, file.path)
    files.all.push(name)
    if (isEager) files.eager.push(name)
    code += file.text
  }
  await writeFile(join(outdir, 'metafile.json'), JSON.stringify(metafile))
  await writeFile(join(outdir, 'manifest.json'), JSON.stringify(files, null, 2))
  return {
    spec,
    total,
    eager,
    chunks: files.all.length,
    files,
    nodeBuiltins: [...builtins].sort(),
    usesProcessGlobal: /(?<![.\w$])process\.(?:env|nextTick|version|browser)/.test(code),
    usesBufferGlobal: /(?<![.\w$])Buffer\.(?:from|alloc|isBuffer|concat)/.test(code),
    topPackages: {
      eager: topPackages(
        metafile,
        [...eagerPaths].map((path) => relative(benchDir, path)),
      ),
      total: topPackages(metafile, Object.keys(metafile.outputs)),
    },
    buildMs,
  }
}
