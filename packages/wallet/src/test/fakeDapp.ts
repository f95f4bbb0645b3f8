import bs58 from 'bs58'
import nacl from 'tweetnacl'

/**
 * A minimal dapp for tests, written from the protocol text with tweetnacl and bs58 only: it builds request
 * URLs and opens the wallet's answers, so the wallet is checked against the wire format, not against itself.
 */
export function createFakeDapp(options: {
  baseUrl: string
  encryptionParam?: string | undefined
  redirectLink?: string | undefined
}) {
  const { baseUrl, encryptionParam = 'phantom_encryption_public_key' } = options
  const redirectLink = options.redirectLink ?? 'https://dapp.example/callback?request=42'
  const keyPair = nacl.box.keyPair()
  let sharedSecret: Uint8Array | undefined
  let session: string | undefined
  let publicKey: string | undefined

  const query = (params: Record<string, string>) => new URLSearchParams(params).toString()

  return {
    keyPair,
    redirectLink,
    get session() {
      return session
    },
    get publicKey() {
      return publicKey
    },
    connectUrl(extra: Record<string, string> = {}): string {
      return `${baseUrl}connect?${query({
        app_url: 'https://dapp.example',
        dapp_encryption_public_key: bs58.encode(keyPair.publicKey),
        redirect_link: redirectLink,
        cluster: 'devnet',
        ...extra,
      })}`
    },
    /** Reads the connect answer and derives the shared secret like a dapp does. */
    acceptConnect(answer: string): { public_key: string; session: string } {
      const params = new URL(answer).searchParams
      const walletKey = bs58.decode(params.get(encryptionParam)!)
      sharedSecret = nacl.box.before(walletKey, keyPair.secretKey)
      const data = this.open(answer) as { public_key: string; session: string }
      session = data.session
      publicKey = data.public_key
      return data
    },
    /** Builds an encrypted request URL; `payload` gets the session unless it already has one. */
    requestUrl(method: string, payload: Record<string, unknown>): string {
      return this.rawRequestUrl(method, { session, ...payload })
    },
    /** Builds an encrypted request URL boxing `payload` exactly as given (any JSON value). */
    rawRequestUrl(method: string, payload: unknown): string {
      if (!sharedSecret) throw new Error('connect first')
      const nonce = nacl.randomBytes(24)
      const json = JSON.stringify(payload)
      const box = nacl.box.after(new TextEncoder().encode(json), nonce, sharedSecret)
      return `${baseUrl}${method}?${query({
        dapp_encryption_public_key: bs58.encode(keyPair.publicKey),
        nonce: bs58.encode(nonce),
        redirect_link: redirectLink,
        payload: bs58.encode(box),
      })}`
    },
    /** Opens the `data` of an approve answer. */
    open(answer: string): unknown {
      if (!sharedSecret) throw new Error('no shared secret')
      const params = new URL(answer).searchParams
      const plain = nacl.box.open.after(
        bs58.decode(params.get('data')!),
        bs58.decode(params.get('nonce')!),
        sharedSecret,
      )
      if (!plain) throw new Error('answer does not decrypt')
      return JSON.parse(new TextDecoder().decode(plain))
    },
  }
}
