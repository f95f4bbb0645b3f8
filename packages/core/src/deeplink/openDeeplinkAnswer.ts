import { decodeBase58 } from '../crypto/base58.js'
import { nacl } from '../crypto/nacl.js'
import { InvalidSignatureError } from '../errors/deeplink.js'
import type { DeeplinkResponse } from './deeplinkClient.js'
import { sharedSecretOf, storedKey } from './deeplinkClientSupport.js'
import type { PendingRequestRecord, SessionRecord } from './deeplinkRecords.js'
import { openConnectResponse } from './openConnectResponse.js'
import { type DeeplinkMethodResults, openRequestResponse } from './openRequestResponse.js'
import type { DeeplinkRedirect } from './parseRedirectUrl.js'

/**
 * Opens the wallet's answer to `record`: decrypts it and, for signMessage, verifies the signature against
 * the session's `sessionPublicKey`. A connect answer also gives the new session, for the caller to store.
 */
export function openDeeplinkAnswer(
  record: PendingRequestRecord,
  redirect: DeeplinkRedirect,
  sessionPublicKey: string | undefined,
): [response: DeeplinkResponse, connectedSession?: SessionRecord] {
  const { id: requestId, method, profile, cluster, context } = record
  const answer = { method, requestId, wallet: profile.id, context }
  if (method === 'connect') {
    const dappSecretKey = record.dappSecretKey!
    const opened = openConnectResponse({ redirect, profile, dappSecretKey: storedKey(dappSecretKey) })
    const { publicKey, session: token, sessionVerified, walletEncryptionPublicKey } = opened
    return [
      { ...answer, method, result: { publicKey, session: token, sessionVerified } },
      {
        profile,
        dappSecretKey,
        walletEncryptionPublicKey,
        session: token,
        publicKey,
        sessionVerified,
        cluster,
      },
    ]
  }
  const result = openRequestResponse({
    redirect,
    method,
    // The wallet answers a disconnect with no data, only possibly an error: there is nothing to open.
    sharedSecret: method === 'disconnect' ? new Uint8Array() : sharedSecretOf(record),
    transactionCount: record.transactionCount,
  })
  // A signature that does not verify is no answer: a wallet bug, or another account than the session's.
  if (
    method === 'signMessage' &&
    !nacl.sign.detached.verify(
      decodeBase58(record.message),
      (result as DeeplinkMethodResults['signMessage']).signature,
      decodeBase58(sessionPublicKey, { length: 32 }),
    )
  )
    throw new InvalidSignatureError('The wallet signed the message with another key than the connected one.')
  return [{ ...answer, result } as DeeplinkResponse]
}
