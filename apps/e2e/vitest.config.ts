import { defineConfig } from 'vitest/config'

// One set of services (relay, cluster, wallet, both demos) for the whole run, started by the global setup on
// free ports; the demo files run one after the other so that one Chromium at a time shares the 2 cores.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.test.ts'],
    globalSetup: ['src/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
  },
})
