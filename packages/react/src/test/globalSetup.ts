import type { TestProject } from 'vitest/node'
import { spawnRelay } from '../../../../apps/relay/src/testing/spawnRelay.js'

declare module 'vitest' {
  export interface ProvidedContext {
    relayUrl: string
  }
}

/** One real relay process (the built CLI of apps/relay) for the test run; tests get its URL with inject(). */
export default async function setup(project: TestProject) {
  const relay = await spawnRelay()
  project.provide('relayUrl', relay.url)
  return async () => {
    await relay.stop()
  }
}
