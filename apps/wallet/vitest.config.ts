import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    // One real relay process for the relay panel tests (they read its URL with inject('relayUrl')).
    globalSetup: ['../relay/src/testing/relayGlobalSetup.ts'],
  },
})
