import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  entry: {
    index: 'src/index.ts',
    deeplink: 'src/deeplink/index.ts',
    relay: 'src/relay/index.ts',
    metamask: 'src/metamask/index.ts',
  },
  dts: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Also for CJS: the root, deeplink and relay entries must share one copy of each error class (instanceof).
  splitting: true,
}

export default defineConfig([
  { ...shared, format: ['esm'], clean: true },
  // @noble/secp256k1 ships ESM only: inlined into the CommonJS build so `require('@dapplink/core/relay')`
  // works where require() cannot load ES modules (Node < 20.19, Jest's CommonJS runtime).
  { ...shared, format: ['cjs'], noExternal: ['@noble/secp256k1'] },
])
