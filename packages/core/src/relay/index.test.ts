import { describe, expect, it } from 'vitest'
import * as relay from './index.js'

describe('@dapplink/core/relay exports', () => {
  it('exports exactly this API (an accidental change fails here)', () => {
    expect(Object.keys(relay).sort()).toEqual([
      'DapplinkError',
      'DecryptionError',
      'FrameTooLargeError',
      'FrameVersionError',
      'HandshakeAuthenticationError',
      'HandshakeCommitmentError',
      'HandshakeTimeoutError',
      'InsecureRelayUrlError',
      'InternalWalletError',
      'InvalidArgumentError',
      'InvalidBase58Error',
      'InvalidInputError',
      'InvalidPairingUriError',
      'InvalidResponseError',
      'MalformedFrameError',
      'MessageTooLargeError',
      'MethodNotFoundError',
      'OutOfOrderError',
      'PairingUriVersionError',
      'ProtocolError',
      'RelayClosedError',
      'RelayRequestError',
      'ReplayError',
      'RequestAbortedError',
      'RequestTimeoutError',
      'ResourceUnavailableError',
      'SessionClosedError',
      'SessionOverflowError',
      'TransactionRejectedError',
      'UnauthorizedError',
      'UnexpectedFrameError',
      'UnknownMessageError',
      'UserRejectedRequestError',
      'WakeUpUnavailableError',
      'WalletDisconnectedError',
      'WalletRpcError',
      'buildPairingUri',
      'buildWakeUpLink',
      'buildWalletLink',
      'checkRequestDeadline',
      'commitWalletNonce',
      'computeVerificationCode',
      'createDone',
      'createEciesKeyPair',
      'createHello',
      'createKey',
      'createRelaySession',
      'createSecureChannel',
      'createSessionEngine',
      'createSocketIoTransport',
      'createWalletRpcError',
      'decodeBase58',
      'decodeBase64',
      'decodeBase64Url',
      'decodeFrame',
      'deriveAuthKey',
      'deriveWalletToken',
      'direction',
      'eciesDecrypt',
      'eciesEncrypt',
      'encodeBase58',
      'encodeBase64',
      'encodeBase64Url',
      'encodeFrame',
      'encodeFrameHeader',
      'encodeSessionMessage',
      'frameType',
      'hashToken',
      'isCompressedSecp256k1Point',
      'maxFrameLength',
      'maxRequestTimeoutMs',
      'openDone',
      'openHello',
      'openKey',
      'openWalletDone',
      'parsePairingUri',
      'parseSessionMessage',
      'relayMethods',
      'requestDeadlineSkewMs',
      'transcriptHash',
      'walletWindowName',
    ])
  })

  it('shares one error class per name with the root entry', async () => {
    const root = await import('../errors/deeplink.js')
    expect(relay.DecryptionError).toBe(root.DecryptionError)
    expect(new relay.HandshakeTimeoutError(1)).toBeInstanceOf(relay.DapplinkError)
  })
})

describe('pay for what you use', () => {
  it('nothing the root entry imports statically pulls socket.io-client or the ECIES curve', async () => {
    const { readFileSync } = await import('node:fs')
    const { fileURLToPath } = await import('node:url')
    const { dirname, resolve } = await import('node:path')
    const root = fileURLToPath(new URL('../index.ts', import.meta.url))
    // Walks the static value-import graph (`from '...'`, not `import()`), as a bundler would for the root entry.
    const heavyPackages = new Set(['socket.io-client', '@noble/secp256k1', 'eciesjs'])
    const seen = new Set<string>()
    const heavy: string[] = []
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      // `import type` / `export type` are erased; everything else loads the module.
      for (const match of text.matchAll(/^(?:import|export)(?! type )[^'"]*?from '([^']+)'/gm)) {
        const specifier = match[1]!
        if (heavyPackages.has(specifier)) heavy.push(`${file} -> ${specifier}`)
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      }
    }
    visit(root)
    expect(seen.size).toBeGreaterThan(0)
    expect(heavy).toEqual([])
    // The relay entry does pull them (so the walk can see them).
    heavy.length = 0
    seen.clear()
    visit(fileURLToPath(new URL('./index.ts', import.meta.url)))
    // ECIES is crypto/ecies.ts on @noble/secp256k1; eciesjs itself is only a test dependency.
    expect(heavy.map((entry) => entry.split(' -> ')[1]).sort()).toEqual([
      '@noble/secp256k1',
      'socket.io-client',
    ])
  })
})
