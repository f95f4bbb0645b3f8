import type { TestProject } from 'vitest/node'
import { assertChromiumInstalled } from './browser/launchChromium.js'
import { type ServiceUrls, startServices } from './services/startServices.js'

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceUrls
  }
}

/** Starts every service once for the run and stops them all (by PID, bounded) in teardown. */
export default async function setup(project: TestProject) {
  assertChromiumInstalled()
  const started = Date.now()
  const { urls, stop } = await startServices()
  process.stdout.write(`[e2e] services up in ${Date.now() - started} ms: ${JSON.stringify(urls)}\n`)
  project.provide('services', urls)
  return async () => {
    await stop()
    process.stdout.write('[e2e] services stopped\n')
  }
}
