import { spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    mwpRelayUrl: string
  }
}

/**
 * One real MWP relay process (the built CLI of apps/mwp-relay) for the test run, started in Node: the spawn
 * helper needs Node's URL, which the tests' happy-dom environment replaces. Tests read `inject('mwpRelayUrl')`.
 */
export default async function setup(project: TestProject) {
  const relay = await spawnMwpRelay()
  project.provide('mwpRelayUrl', relay.url)
  return async () => {
    await relay.stop()
  }
}
