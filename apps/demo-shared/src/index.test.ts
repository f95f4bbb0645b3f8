import { expect, it } from 'vitest'
import * as exports from './index.js'

// Both demos import from here; a rename or a dropped export should fail this test, not their builds.
it('exports', () => {
  expect(Object.keys(exports).sort()).toEqual([
    'ClusterRpcError',
    'UnexpectedWalletResponseError',
    'airdropLamports',
    'buildTransfer',
    'clearResults',
    'createClusterRpc',
    'createDemoConfig',
    'defaultDemoSettings',
    'defaultMessage',
    'describeError',
    'drawPairingQr',
    'formatSol',
    'formatSolChange',
    'inspectSignedTransaction',
    'loadDemoSetup',
    'loadResults',
    'normalizeSettingUrl',
    'pairingQrOptions',
    'processWalletResponse',
    'readDemoContext',
    'readDemoSettings',
    'readMwpQuietAfterMs',
    'referenceWalletId',
    'referenceWalletMwpLink',
    'referenceWalletProfile',
    'requestPersonalSign',
    'resultsStorageKey',
    'saveResults',
    'sessionStorageOrUndefined',
    'settingsStorageKey',
    'showsPairingQr',
    'transferLamports',
    'verifyMessageSignature',
    'verifyPersonalSign',
  ])
})
