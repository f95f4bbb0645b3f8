import type { TestProject } from 'vitest/node'
import { spawnRelay } from './spawnRelay.js'

declare module 'vitest' {
  export interface ProvidedContext {
    relayUrl: string
  }
}

/**
 * A vitest globalSetup for packages whose tests need a relay: one real relay process (the built CLI of apps/relay) for the test run; tests get its URL with
 * inject('relayUrl') (see packages/wallet/src/testing/relayHarness.ts).
 */
export default async function setup(project: TestProject) {
  const relay = await spawnRelay()
  project.provide('relayUrl', relay.url)
  return async () => {
    await relay.stop()
  }
}
