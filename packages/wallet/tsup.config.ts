import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', relay: 'src/relay/index.ts', metamask: 'src/metamask/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // Also for CJS: the root and relay entries must share one copy of each error class (instanceof).
  splitting: true,
})
