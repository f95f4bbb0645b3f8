import { describe, expect, it } from 'vitest'
import * as relay from './index.js'

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(relay).sort()).toEqual([
      'RelayConfigError',
      'RelayError',
      'createLogger',
      'flagOf',
      'relayConfigDefaults',
      'relaySettingNames',
      'resolveRelayConfig',
      'startRelay',
    ])
  })
})
