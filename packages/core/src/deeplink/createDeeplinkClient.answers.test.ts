import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { openPayload } from '../crypto/openPayload.js'
import { deriveSharedSecret } from '../crypto/sharedSecret.js'
import { InvalidSignatureError, StorageError, UnsupportedClusterError } from '../errors/deeplink.js'
import { createDeeplinkClient } from './createDeeplinkClient.js'
import { createMemoryStorage } from './deeplinkStorage.js'
import { removeAnswerFromUrl } from './removeAnswerFromUrl.js'
import { backpack, phantom } from './walletProfiles.js'

// A minimal wallet: reads the dapp's deeplink and answers it, as Phantom would (docs/protocol.md).
function createWallet() {
  const encryption = nacl.box.keyPair()
  const account = nacl.sign.keyPair()
  const session = bs58.encode(nacl.sign(new TextEncoder().encode('{}'), account.secretKey))
  let dappPublicKey: Uint8Array | undefined
  const redirectOf = (link: string) => new URL(link).searchParams.get('redirect_link')!
  const answer = (link: string, params: Record<string, string>) => {
    const url = new URL(redirectOf(link))
    for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value)
    return url.href
  }
  const seal = (data: unknown) => {
    const nonce = nacl.randomBytes(24)
    const box = nacl.box(
      new TextEncoder().encode(JSON.stringify(data)),
      nonce,
      dappPublicKey!,
      encryption.secretKey,
    )
    return { nonce: bs58.encode(nonce), data: bs58.encode(box) }
  }
  return {
    account,
    approveConnect(link: string) {
      dappPublicKey = bs58.decode(new URL(link).searchParams.get('dapp_encryption_public_key')!)
      return answer(link, {
        phantom_encryption_public_key: bs58.encode(encryption.publicKey),
        ...seal({ public_key: bs58.encode(account.publicKey), session }),
      })
    },
    /** Signs the requested message with `secretKey` (the account's by default). */
    approveSignMessage(link: string, secretKey = account.secretKey) {
      const query = new URL(link).searchParams
      const secret = deriveSharedSecret(dappPublicKey!, encryption.secretKey)
      const payload = JSON.parse(
        new TextDecoder().decode(
          openPayload(bs58.decode(query.get('payload')!), bs58.decode(query.get('nonce')!), secret),
        ),
      ) as { message: string }
      const signature = nacl.sign.detached(bs58.decode(payload.message), secretKey)
      return answer(link, seal({ signature: bs58.encode(signature) }))
    },
  }
}

function setup(overrides: Partial<Parameters<typeof createDeeplinkClient>[0]> = {}) {
  const storage = createMemoryStorage()
  const links: string[] = []
  const make = () =>
    createDeeplinkClient({
      profile: phantom,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/return?tab=wallet',
      storage,
      navigate: (url) => {
        links.push(url)
      },
      ...overrides,
    })
  return { make, lastLink: () => links.at(-1)! }
}

describe('answers after a reload', () => {
  it('hands back the context and request id of the call, through the return value and watchResponse', async () => {
    const wallet = createWallet()
    const { make, lastLink } = setup()
    void make().connect({ context: { step: 'connect' } })
    const afterConnect = make()
    expect(afterConnect.getState().pendingRequest?.context).toEqual({ step: 'connect' })
    const connected = afterConnect.handleRedirect(wallet.approveConnect(lastLink()))
    expect(connected).toMatchObject({ method: 'connect', wallet: 'phantom', context: { step: 'connect' } })

    void afterConnect.signMessage('hello', { context: { note: 'login', attempt: 2 } })
    const requestId = afterConnect.getState().pendingRequest!.id
    const reloaded = make()
    const seen: unknown[] = []
    reloaded.watchResponse((response) => seen.push(response))
    const delivered = reloaded.handleRedirect(wallet.approveSignMessage(lastLink()))
    expect(delivered).toMatchObject({
      method: 'signMessage',
      requestId,
      wallet: 'phantom',
      context: { note: 'login', attempt: 2 },
    })
    expect(seen).toEqual([delivered])
    expect(reloaded.getState().lastResponse).toBe(delivered)
  })

  it('refuses a context that is not JSON before anything opens', async () => {
    const opened: string[] = []
    const client = setup({ navigate: (url) => void opened.push(url) }).make()
    // Storing the request is what fails: the typed StorageError, and no deeplink was opened.
    const connecting = client.connect({ context: { big: 1n } as never })
    await expect(connecting).rejects.toBeInstanceOf(StorageError)
    expect(client.getState().pendingRequest).toBeNull()
    expect(opened).toEqual([])
  })

  it('passes the handled answer URL to replaceUrl; removeAnswerFromUrl keeps the dapp parameters', () => {
    const wallet = createWallet()
    const replaced: string[] = []
    const { make, lastLink } = setup({ replaceUrl: (url) => replaced.push(url) })
    const client = make()
    void client.connect()
    const answer = wallet.approveConnect(lastLink())
    client.handleRedirect(answer)
    expect(replaced).toEqual([answer])
    expect(removeAnswerFromUrl(answer)).toBe('https://dapp.example/return?tab=wallet')
    expect(removeAnswerFromUrl('https://dapp.example/?dapplink_id=11111111&errorCode=4001#top')).toBe(
      'https://dapp.example/#top',
    )
  })

  it('refuses a signMessage answer signed by another key than the connected account', async () => {
    const wallet = createWallet()
    const { make, lastLink } = setup()
    const client = make()
    void client.connect()
    client.handleRedirect(wallet.approveConnect(lastLink()))
    const signing = client.signMessage('hello')
    const forged = wallet.approveSignMessage(lastLink(), nacl.sign.keyPair().secretKey)
    expect(() => client.handleRedirect(forged)).toThrow(InvalidSignatureError)
    await expect(signing).rejects.toBeInstanceOf(InvalidSignatureError)
    expect(client.getState().pendingRequest).toBeNull()
  })

  it('clearError forgets the last error', async () => {
    const { make } = setup()
    const client = make()
    expect(() => client.handleRedirect('https://dapp.example/return?dapplink_id=11111111')).toThrow()
    expect(client.getState().lastError).not.toBeNull()
    client.clearError()
    expect(client.getState().lastError).toBeNull()
  })
})

describe('clusters a wallet accepts', () => {
  it('never sends devnet to Backpack: a typed error before anything opens', async () => {
    const opened: string[] = []
    const client = createDeeplinkClient({
      profile: backpack,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/return',
      cluster: 'devnet',
      storage: createMemoryStorage(),
      navigate: (url) => {
        opened.push(url)
      },
    })
    await expect(client.connect()).rejects.toBeInstanceOf(UnsupportedClusterError)
    expect(opened).toEqual([])
  })

  it('lets Backpack connect on mainnet-beta and without a cluster', async () => {
    for (const cluster of ['mainnet-beta', undefined] as const) {
      const opened: string[] = []
      const client = createDeeplinkClient({
        profile: backpack,
        appUrl: 'https://dapp.example',
        redirectLink: 'https://dapp.example/return',
        cluster,
        storage: createMemoryStorage(),
        navigate: (url) => {
          opened.push(url)
        },
      })
      void client.connect()
      expect(new URL(opened[0]!).searchParams.get('cluster')).toBe(cluster ?? null)
    }
  })

  it('marks the Phantom signAndSendTransaction deeplink deprecated', () => {
    expect(phantom.deprecatedMethods).toEqual(['signAndSendTransaction'])
    expect(phantom.methods).toContain('signAndSendTransaction')
  })
})
