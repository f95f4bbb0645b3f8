// The smallest deeplink use: the protocol functions without the stateful client. The dapp keeps the keys
// and the session itself (here in memory), builds the links, and opens the wallet's answers.
import {
  buildConnectUrl,
  buildRequestUrl,
  createEncryptionKeyPair,
  openConnectResponse,
  openRequestResponse,
  parseRedirectUrl,
  phantom,
} from '@dapplink/core/deeplink'

const keys = createEncryptionKeyPair()
const redirectLink = `${location.origin}/wallet-return?dapplink_id=11111111`
let session: ReturnType<typeof openConnectResponse> | undefined

document.querySelector('#connect')?.addEventListener('click', () => {
  location.assign(
    buildConnectUrl({
      profile: phantom,
      appUrl: location.origin,
      dappEncryptionPublicKey: keys.publicKey,
      redirectLink,
    }),
  )
})

document.querySelector('#sign')?.addEventListener('click', () => {
  if (!session) return
  const request = { method: 'signMessage' as const, message: new TextEncoder().encode('Sign in') }
  location.assign(
    buildRequestUrl({
      profile: phantom,
      request,
      session: session.session,
      sharedSecret: session.sharedSecret,
      dappEncryptionPublicKey: keys.publicKey,
      redirectLink,
    }),
  )
})

// On load, the wallet's answer (a real page would keep the keys and the session across the round trip).
const redirect = parseRedirectUrl(location.href)
if (redirect && !session)
  session = openConnectResponse({ redirect, profile: phantom, dappSecretKey: keys.secretKey })
else if (redirect && session)
  console.log(openRequestResponse({ redirect, method: 'signMessage', sharedSecret: session.sharedSecret }))
