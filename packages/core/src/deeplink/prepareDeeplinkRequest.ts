import { encodeBase58 } from '../crypto/base58.js'
import { createEncryptionKeyPair, encryptionPublicKeyFromSecretKey } from '../crypto/sharedSecret.js'
import { buildConnectUrl } from './buildConnectUrl.js'
import { buildRequestUrl, type DeeplinkRequest } from './buildRequestUrl.js'
import type { Cluster } from './cluster.js'
import { sharedSecretOf, storedKey } from './deeplinkClientSupport.js'
import type { PendingRequestRecord, SessionRecord } from './deeplinkRecords.js'
import { createRequestId, withRequestId } from './requestId.js'
import type { WalletProfile } from './walletProfile.js'
import type { RequestOptions } from './walletResponse.js'

/** What a deeplink request needs from the client's configuration. */
export type DeeplinkRequestConfig = {
  profile: WalletProfile
  appUrl: string
  redirectLink: string
  cluster: Cluster | undefined
  maxUrlLength: number | undefined
  now: () => number
}

/** A request ready to go: the record to keep pending and the deeplink that opens the wallet (a tuple: it stays small minified). */
export type PreparedDeeplinkRequest = [record: PendingRequestRecord, url: string]

/** Makes a fresh encryption key pair and the connect deeplink that carries its public half. */
export function prepareConnectRequest(
  config: DeeplinkRequestConfig,
  options: RequestOptions | undefined,
): PreparedDeeplinkRequest {
  const { profile, cluster } = config
  const keyPair = createEncryptionKeyPair()
  const id = createRequestId()
  const url = buildConnectUrl({
    profile,
    appUrl: config.appUrl,
    dappEncryptionPublicKey: keyPair.publicKey,
    redirectLink: withRequestId(config.redirectLink, id),
    cluster,
    maxUrlLength: config.maxUrlLength,
  })
  const dappSecretKey = encodeBase58(keyPair.secretKey)
  return [
    {
      id,
      method: 'connect',
      createdAt: config.now(),
      profile,
      dappSecretKey,
      cluster,
      context: options?.context,
    },
    url,
  ]
}

/** Encrypts `request` for the session `active` and makes the record that will open its answer. */
export function prepareEncryptedRequest(
  config: DeeplinkRequestConfig,
  request: DeeplinkRequest,
  active: SessionRecord,
  options: RequestOptions | undefined,
  transactionCount?: number,
): PreparedDeeplinkRequest {
  const id = createRequestId()
  // A disconnect's answer carries nothing to decrypt, so its record keeps no keys.
  const keys: Partial<SessionRecord> = request.method === 'disconnect' ? {} : active
  const url = buildRequestUrl({
    profile: active.profile,
    request,
    session: active.session,
    sharedSecret: sharedSecretOf(active),
    dappEncryptionPublicKey: encryptionPublicKeyFromSecretKey(storedKey(active.dappSecretKey)),
    redirectLink: withRequestId(config.redirectLink, id),
    maxUrlLength: config.maxUrlLength,
  })
  return [
    {
      id,
      method: request.method,
      createdAt: config.now(),
      profile: active.profile,
      cluster: active.cluster,
      dappSecretKey: keys.dappSecretKey,
      walletEncryptionPublicKey: keys.walletEncryptionPublicKey,
      transactionCount,
      context: options?.context,
      // Kept to verify the answer's signature against the session's key.
      message: 'message' in request ? encodeBase58(request.message) : undefined,
    },
    url,
  ]
}
