import { describe, expect, it } from 'vitest'
import * as relay from './index.js'

describe('@dapplink/wallet/relay exports', () => {
  it('exports exactly this API (an accidental change fails here)', () => {
    expect(Object.keys(relay).sort()).toEqual([
      'HandshakeTimeoutError',
      'InvalidPairingUriError',
      'PairingLinkUsedError',
      'PairingUriVersionError',
      'RelayClosedError',
      'RequestCancelledError',
      'RequestDeadlineError',
      'SessionClosedError',
      'WalletConfigurationError',
      'pairWithDapp',
      'parsePairingLink',
      'parsePairingUri',
      'parseWalletRelayRequest',
    ])
  })
})
