import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// esbuild is what tsup bundles with; reach it through tsup instead of adding a second copy as a dependency.
type Metafile = {
  inputs: Record<string, unknown>
  outputs: Record<
    string,
    {
      entryPoint?: string
      inputs: Record<string, unknown>
      imports: { path: string; kind: string; external?: boolean }[]
    }
  >
}
type Esbuild = {
  build(options: Record<string, unknown>): Promise<{ metafile: Metafile }>
}
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild') as Esbuild

const relayPackages =
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(socket\.io-client|engine\.io-client|@noble\/secp256k1)\//

/** Bundles an entry like a dapp's bundler would (ESM, code splitting) and splits its graph by import kind. */
async function bundleGraph(entry: string) {
  const { metafile } = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const outputs = metafile.outputs
  const entryOutput = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!
  // Everything the entry pulls in before any import() runs.
  const staticOutputs = new Set<string>([entryOutput])
  const queue = [entryOutput]
  const lazyOutputs = new Set<string>()
  while (queue.length > 0) {
    const output = outputs[queue.pop()!]!
    for (const imported of output.imports) {
      if (imported.external) continue
      if (imported.kind === 'dynamic-import') {
        lazyOutputs.add(imported.path)
      } else if (!staticOutputs.has(imported.path)) {
        staticOutputs.add(imported.path)
        queue.push(imported.path)
      }
    }
  }
  const inputsOf = (paths: Iterable<string>) =>
    [...paths].flatMap((path) => Object.keys(outputs[path]!.inputs))
  // What each import() target pulls in with it (its own static imports, e.g. a chunk shared by two of them).
  const closureOf = (start: string) => {
    const seen = new Set<string>([start])
    const pending = [start]
    while (pending.length > 0) {
      for (const imported of outputs[pending.pop()!]!.imports) {
        if (imported.external || imported.kind === 'dynamic-import' || seen.has(imported.path)) continue
        if (staticOutputs.has(imported.path)) continue
        seen.add(imported.path)
        pending.push(imported.path)
      }
    }
    return inputsOf(seen)
  }
  const lazyClosures = [...lazyOutputs].map(closureOf)
  return { staticInputs: inputsOf(staticOutputs), lazyInputs: lazyClosures.flat(), lazyClosures }
}

describe('the relay code is loaded lazily', () => {
  it('keeps socket.io-client and secp256k1 out of the client entry and in a dynamic chunk', async () => {
    const { staticInputs, lazyInputs } = await bundleGraph('./index.ts')
    expect(staticInputs.some((input) => input.endsWith('client/createWalletClient.ts'))).toBe(true)
    expect(staticInputs.filter((input) => relayPackages.test(input))).toEqual([])
    // The relay is still reachable, behind import(): the check above looks at a real graph.
    const lazyPackages = new Set(lazyInputs.map((input) => input.match(relayPackages)?.[1]).filter(Boolean))
    expect([...lazyPackages].sort()).toEqual(['@noble/secp256k1', 'engine.io-client', 'socket.io-client'])
  })

  it('keeps them out of the package root entry too', async () => {
    const { staticInputs } = await bundleGraph('../index.ts')
    expect(staticInputs.filter((input) => relayPackages.test(input))).toEqual([])
  })
})

const metamaskCode = /\/src\/(?:metamask\/|client\/createMetamaskTransport\.ts)/

describe('the MetaMask code is loaded lazily, in its own chunk', () => {
  it('keeps it out of the client entry, and out of the relay chunk', async () => {
    const { staticInputs, lazyClosures } = await bundleGraph('./index.ts')
    expect(staticInputs.filter((input) => metamaskCode.test(input))).toEqual([])
    const relayChunk = lazyClosures.find((inputs) =>
      inputs.some((input) => input.endsWith('createRelayTransport.ts')),
    )!
    const metamaskChunk = lazyClosures.find((inputs) =>
      inputs.some((input) => input.endsWith('createMetamaskTransport.ts')),
    )!
    expect(relayChunk.filter((input) => metamaskCode.test(input))).toEqual([])
    // The check looks at a real graph: the MetaMask chunk holds the session and the Centrifugo client.
    expect(metamaskChunk.some((input) => input.endsWith('metamask/createMetamaskSession.ts'))).toBe(true)
    expect(metamaskChunk.some((input) => input.endsWith('metamask/centrifugoClient.ts'))).toBe(true)
  })

  it.each([
    ['deeplink-only', '../deeplink/index.ts'],
    ['relay-only', '../relay/index.ts'],
  ])('a %s bundle contains none of it, even lazily', async (_, entry) => {
    const { staticInputs, lazyInputs } = await bundleGraph(entry)
    expect(staticInputs.length).toBeGreaterThan(0)
    expect([...staticInputs, ...lazyInputs].filter((input) => metamaskCode.test(input))).toEqual([])
  })
})
