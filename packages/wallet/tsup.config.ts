import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  entry: { index: 'src/index.ts', relay: 'src/relay/index.ts', metamask: 'src/metamask/index.ts' },
  dts: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Also for CJS: the root and relay entries must share one copy of each error class (instanceof).
  splitting: true,
}

export default defineConfig([
  { ...shared, format: ['esm'], clean: true },
  // @noble/secp256k1 ships ESM only: inlined into the CommonJS build (as in @dapplink/core) so that
  // `require('@dapplink/wallet/metamask')` works where require() cannot load ES modules.
  { ...shared, format: ['cjs'], noExternal: ['@noble/secp256k1'] },
])
