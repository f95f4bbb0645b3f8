import { expect, test } from 'vitest'
import * as exports from './index.js'

// An accidental change to the public API of @dapplink/wallet/metamask fails here.
test('exports', () => {
  expect(Object.keys(exports).sort()).toEqual([
    'ExpiredMwpLinkError',
    'InvalidMwpPeerKeyError',
    'MalformedMwpLinkError',
    'MwpHandshakeTimeoutError',
    'MwpSenderMissingError',
    'MwpSessionStateError',
    'MwpWalletClient',
    'MwpWalletError',
    'OversizedMwpLinkError',
    'answerMwpPayload',
    'approveSession',
    'authorizeInvoke',
    'buildMwpLink',
    'createMemoryKvStore',
    'createMwpKeyManager',
    'createMwpMemorySessionStore',
    'createMwpWallet',
    'createSiwsMessageText',
    'evmAddress',
    'evmMethods',
    'evmProvider',
    'getSessionResult',
    'multichainProvider',
    'parseMwpLink',
    'personalSign',
    'personalSignMessageBytes',
    'proposeSession',
    'signSolanaMessage',
    'signSolanaSignIn',
    'signSolanaTransaction',
    'solanaMethods',
    'solanaScopes',
  ])
})
