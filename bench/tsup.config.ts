import { defineConfig } from 'tsup'

// The bench tools run on Node from dist/; the entries in entries/ are bundled for the browser by esbuild itself.
export default defineConfig({
  entry: {
    runAll: 'src/runAll.ts',
    buildBundles: 'src/size/buildBundlesCli.ts',
    bareRelayServer: 'src/relay/bareRelayServer.ts',
    loadClientWorker: 'src/relay/loadClientWorker.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  splitting: true,
  // Every dependency stays external: the bench measures the packages' own built dist files.
  skipNodeModulesBundle: true,
})
