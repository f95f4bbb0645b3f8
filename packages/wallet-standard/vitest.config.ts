import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'https://dapp.test/app' } },
    // The relay tests talk to a real relay process, the MetaMask tests to a real MWP relay: each started once.
    globalSetup: ['../../apps/relay/src/testing/relayGlobalSetup.ts', './src/test/mwpRelayGlobalSetup.ts'],
    testTimeout: 20_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
