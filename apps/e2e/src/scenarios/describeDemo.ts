import { describe } from 'vitest'
import { itDeeplinkScenario } from './deeplinkScenario.js'
import { useDemoSession } from './demoSession.js'
import { itRelayScenarios } from './relayScenario.js'

/**
 * The end-to-end scenarios of one demo dapp (`demo`: 'react' or 'vue'), driven in Chromium against the
 * reference wallet, the relay and the local cluster that the global setup started.
 */
export function describeDemo(demo: 'react' | 'vue') {
  describe(`${demo} demo`, () => {
    const session = useDemoSession(demo)
    itDeeplinkScenario(session)
    itRelayScenarios(session)
  })
}
