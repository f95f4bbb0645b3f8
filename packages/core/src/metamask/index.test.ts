import { expect, it } from 'vitest'
import * as metamask from './index.js'

it('exports', () => {
  expect(Object.keys(metamask).sort()).toMatchInlineSnapshot(`
    [
      "CentrifugoError",
      "ConnectionRequestExpiredError",
      "DapplinkError",
      "EthereumProviderError",
      "HandshakeOfferError",
      "IncorrectOtpError",
      "InvalidConnectionRequestError",
      "MalformedPublicationError",
      "MetamaskSessionClosedError",
      "buildPairingLinks",
      "buildWakeUpLink",
      "connectionRequestTtlMs",
      "createCentrifugoClient",
      "createConnectionRequest",
      "createEthereumProvider",
      "createMetamaskSession",
      "maxConnectionRequestBytes",
      "metamaskQrLinkBase",
      "metamaskRelayUrl",
      "metamaskUniversalLinkBase",
      "parseEnvelope",
      "parsePairingLink",
      "pickSolanaAccount",
      "realTime",
      "sealEnvelope",
      "signAllSolanaTransactions",
      "signAndSendSolanaTransaction",
      "signInWithSolana",
      "signSolanaMessage",
      "signSolanaTransaction",
      "solanaScopes",
      "validateConnectionRequest",
    ]
  `)
})
