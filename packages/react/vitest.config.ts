import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
    // The dapp's page: deeplink answers come back to this origin.
    environmentOptions: { happyDOM: { url: 'https://dapp.test/app' } },
    // The relay tests talk to a real relay process, started once for the run.
    globalSetup: ['../../apps/relay/src/testing/relayGlobalSetup.ts'],
    testTimeout: 20_000,
  },
})
