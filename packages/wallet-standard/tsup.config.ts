import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // The transports and the modal stay separate chunks, loaded with import() when a wallet is used.
  splitting: true,
  external: ['@dapplink/core'],
})
