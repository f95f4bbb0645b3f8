import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: ['react', '@dapplink/core'],
  // esbuild drops module-level directives when it bundles; every export of this package touches React,
  // so the whole bundle is a client module for React Server Components.
  banner: { js: "'use client'" },
})
