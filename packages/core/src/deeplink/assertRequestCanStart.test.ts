import { describe, expect, it } from 'vitest'
import { NotConnectedError, RequestPendingError, UnsupportedMethodError } from '../errors/deeplink.js'
import { assertRequestCanStart } from './assertRequestCanStart.js'
import type { PendingRequestRecord, SessionRecord } from './deeplinkRecords.js'
import { defineWalletProfile } from './walletProfile.js'
import { phantom } from './walletProfiles.js'

const session = (profile = phantom): SessionRecord => ({
  profile,
  dappSecretKey: 'k',
  walletEncryptionPublicKey: 'w',
  session: 's',
  publicKey: 'p',
  sessionVerified: true,
})
const signOnly = defineWalletProfile({
  id: 'sign-only',
  name: 'Sign only',
  baseUrl: 'https://wallet.example/ul/v1/',
  encryptionPublicKeyParam: 'wallet_encryption_public_key',
  methods: ['connect', 'signMessage'],
})
const waiting: PendingRequestRecord = { id: 'r', method: 'signTransaction', createdAt: 0, profile: phantom }

describe('assertRequestCanStart', () => {
  it('lets connect start without a session and any supported method with one', () => {
    expect(() => assertRequestCanStart('connect', null, null)).not.toThrow()
    expect(() => assertRequestCanStart('signMessage', session(), null)).not.toThrow()
  })

  it.each([
    ['signMessage without a session', 'signMessage', null, null, NotConnectedError],
    ['a method the wallet lacks', 'signAndSendTransaction', session(signOnly), null, UnsupportedMethodError],
    ['a request while another waits', 'signMessage', session(), waiting, RequestPendingError],
    ['connect while another waits', 'connect', null, waiting, RequestPendingError],
  ] as const)('refuses %s', (_, method, active, pending, errorClass) => {
    expect(() => assertRequestCanStart(method, active, pending)).toThrow(errorClass)
  })

  it('checks the session before the waiting request', () => {
    expect(() => assertRequestCanStart('signMessage', null, waiting)).toThrow(NotConnectedError)
  })
})
