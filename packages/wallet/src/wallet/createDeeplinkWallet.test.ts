import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import {
  DecryptionError,
  InternalWalletError,
  InvalidRequestError,
  MethodNotFoundError,
  ReplayError,
  TransactionRejectedError,
  UnauthorizedError,
  WalletRequestError,
} from '../errors/walletRequestError.js'
import { issueSessionToken } from '../session/issueSessionToken.js'
import { createMemorySessionStore } from '../session/sessionStore.js'
import { createFakeDapp } from '../test/fakeDapp.js'
import {
  Keypair,
  legacyTransfer,
  Transaction,
  toWeb3Keypair,
  VersionedTransaction,
  v0Transfer,
} from '../test/transactions.js'
import { firstSignatureSender } from '../testing/firstSignatureSender.js'
import { type CreateDeeplinkWalletParameters, createDeeplinkWallet } from './createDeeplinkWallet.js'
import type { WalletRequest } from './walletRequest.js'

const baseUrl = 'http://localhost:3000/ul/v1/'

async function connected(options: Partial<CreateDeeplinkWalletParameters> = {}) {
  const account = nacl.sign.keyPair()
  const sessions = options.sessions ?? createMemorySessionStore()
  const wallet = createDeeplinkWallet({ account, baseUrl, sessions, ...options })
  const dapp = createFakeDapp({ baseUrl, encryptionParam: options.encryptionParam })
  const request = await wallet.parse(dapp.connectUrl())
  dapp.acceptConnect(await wallet.approve(request))
  return { account, wallet, dapp, sessions, accountKey: toWeb3Keypair(account).publicKey }
}

async function errorOf(run: () => Promise<unknown>): Promise<WalletRequestError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof WalletRequestError) return error
    throw error
  }
  throw new Error('expected a WalletRequestError')
}

describe('connect', () => {
  test('parse shows the app; approve answers the key, nonce and data {public_key, session}', async () => {
    const account = nacl.sign.keyPair()
    const sessions = createMemorySessionStore()
    const wallet = createDeeplinkWallet({ account, baseUrl, sessions, now: () => 1_700_000_000_000 })
    const dapp = createFakeDapp({ baseUrl })
    const request = await wallet.parse(dapp.connectUrl())
    expect(request).toEqual({
      method: 'connect',
      appUrl: 'https://dapp.example',
      appIdentity: 'https://dapp.example',
      appUrlVerified: true,
      cluster: 'devnet',
      redirectLink: dapp.redirectLink,
      dappEncryptionPublicKey: bs58.encode(dapp.keyPair.publicKey),
    })
    const answer = await wallet.approve(request)
    expect([...new URL(answer).searchParams.keys()]).toEqual([
      'request',
      'phantom_encryption_public_key',
      'nonce',
      'data',
    ])
    const data = dapp.acceptConnect(answer)
    expect(data.public_key).toBe(bs58.encode(account.publicKey))
    expect(data.public_key).toBe(wallet.publicKey)
    const claims = nacl.sign.open(bs58.decode(data.session), account.publicKey)
    expect(JSON.parse(new TextDecoder().decode(claims!))).toEqual({
      app_url: 'https://dapp.example',
      timestamp: 1_700_000_000_000,
      chain: 'solana',
      cluster: 'devnet',
    })
    const stored = await sessions.get(bs58.encode(dapp.keyPair.publicKey))
    expect(stored?.session).toBe(data.session)
  })

  test.each(['solflare_encryption_public_key', 'wallet_encryption_public_key'])(
    'answers with %s',
    async (param) => {
      const { dapp, wallet } = await connected({ encryptionParam: param })
      expect(dapp.session).toBeDefined()
      // The session works for later requests too.
      const request = await wallet.parse(
        dapp.requestUrl('signMessage', { message: bs58.encode(Uint8Array.of(1)) }),
      )
      expect(request.method).toBe('signMessage')
    },
  )

  test('an encryptionParam that is not <wallet>_encryption_public_key is refused', () => {
    expect(() =>
      createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl, encryptionParam: 'data' }),
    ).toThrow(/not a <wallet>_encryption_public_key name/)
  })

  test('reject answers 4001', async () => {
    const wallet = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl })
    const dapp = createFakeDapp({ baseUrl })
    const request = await wallet.parse(dapp.connectUrl())
    const answer = new URL(wallet.reject(request))
    expect(answer.searchParams.get('request')).toBe('42')
    expect(answer.searchParams.get('errorCode')).toBe('4001')
    expect(answer.searchParams.get('errorMessage')).toBe('User rejected the request.')
  })
})

describe('signMessage', () => {
  test('utf8: the signature is a detached ed25519 signature of the message bytes', async () => {
    const { wallet, dapp, account } = await connected()
    const message = new TextEncoder().encode('Sign in to dapp.example ✓')
    const request = await wallet.parse(
      dapp.requestUrl('signMessage', { message: bs58.encode(message), display: 'utf8' }),
    )
    expect(request).toMatchObject({
      method: 'signMessage',
      message,
      display: 'utf8',
      text: 'Sign in to dapp.example ✓',
      appUrl: 'https://dapp.example',
      cluster: 'devnet',
    })
    const { signature } = dapp.open(await wallet.approve(request)) as { signature: string }
    expect(nacl.sign.detached.verify(message, bs58.decode(signature), account.publicKey)).toBe(true)
  })

  test('hex display and non-UTF-8 bytes', async () => {
    const { wallet, dapp } = await connected()
    const message = Uint8Array.of(0xde, 0xad, 0xbe, 0xef)
    const request = await wallet.parse(
      dapp.requestUrl('signMessage', { message: bs58.encode(message), display: 'hex' }),
    )
    expect(request).toMatchObject({ display: 'hex', hex: 'deadbeef', text: undefined })
  })

  test('reject with another code', async () => {
    const { wallet, dapp } = await connected()
    const request = await wallet.parse(dapp.requestUrl('signMessage', { message: 'Cn8eVZg' }))
    const answer = new URL(wallet.reject(request, -32603, 'Wallet locked'))
    expect(answer.searchParams.get('errorCode')).toBe('-32603')
    expect(answer.searchParams.get('errorMessage')).toBe('Wallet locked')
  })
})

describe('transactions', () => {
  test('signTransaction of a legacy transaction', async () => {
    const { wallet, dapp, accountKey } = await connected()
    const unsigned = legacyTransfer(accountKey)
    const request = await wallet.parse(
      dapp.requestUrl('signTransaction', { transaction: bs58.encode(unsigned) }),
    )
    expect(request).toMatchObject({
      method: 'signTransaction',
      transaction: {
        bytes: new Uint8Array(unsigned),
        version: 'legacy',
        feePayer: wallet.publicKey,
        signerIndex: 0,
      },
    })
    const { transaction } = dapp.open(await wallet.approve(request)) as { transaction: string }
    expect(Transaction.from(bs58.decode(transaction)).verifySignatures()).toBe(true)
  })

  test('signAllTransactions of a legacy and a v0 transaction', async () => {
    const { wallet, dapp, accountKey, account } = await connected()
    const payer = Keypair.generate()
    const unsigned = [legacyTransfer(accountKey), v0Transfer(payer.publicKey, accountKey)]
    const request = await wallet.parse(
      dapp.requestUrl('signAllTransactions', { transactions: unsigned.map((bytes) => bs58.encode(bytes)) }),
    )
    if (request.method !== 'signAllTransactions') throw new Error('wrong method')
    expect(request.transactions.map(({ version, signerIndex }) => ({ version, signerIndex }))).toEqual([
      { version: 'legacy', signerIndex: 0 },
      { version: 0, signerIndex: 1 },
    ])
    const { transactions } = dapp.open(await wallet.approve(request)) as { transactions: string[] }
    expect(Transaction.from(bs58.decode(transactions[0]!)).verifySignatures()).toBe(true)
    const v0 = VersionedTransaction.deserialize(bs58.decode(transactions[1]!))
    expect(nacl.sign.detached.verify(v0.message.serialize(), v0.signatures[1]!, account.publicKey)).toBe(true)
  })

  test('signAndSendTransaction without a sender is refused at parse (-32601), answerable', async () => {
    const { wallet, dapp, accountKey } = await connected()
    const error = await errorOf(() =>
      wallet.parse(
        dapp.requestUrl('signAndSendTransaction', { transaction: bs58.encode(v0Transfer(accountKey)) }),
      ),
    )
    expect(error).toBeInstanceOf(MethodNotFoundError)
    expect(error.redirectLink).toBe(dapp.redirectLink)
    expect(new URL(wallet.rejectError(error)!).searchParams.get('errorCode')).toBe('-32601')
  })

  test('signAndSendTransaction: an offline sender answers the first signature', async () => {
    const { wallet, dapp, accountKey } = await connected({ sendTransaction: firstSignatureSender })
    const unsigned = v0Transfer(accountKey)
    const request = await wallet.parse(
      dapp.requestUrl('signAndSendTransaction', { transaction: bs58.encode(unsigned) }),
    )
    const { signature } = dapp.open(await wallet.approve(request)) as { signature: string }
    expect(bs58.decode(signature)).toHaveLength(64)
    const transaction = VersionedTransaction.deserialize(unsigned)
    expect(
      nacl.sign.detached.verify(
        transaction.message.serialize(),
        bs58.decode(signature),
        bs58.decode(wallet.publicKey),
      ),
    ).toBe(true)
  })

  test('signAndSendTransaction: the injected sender gets the signed bytes and the send options', async () => {
    const sent: { transaction: Uint8Array; options: unknown }[] = []
    const { wallet, dapp, accountKey } = await connected({
      sendTransaction: async (transaction, options) => {
        sent.push({ transaction, options })
        return 'rpc-signature'
      },
    })
    const request = await wallet.parse(
      dapp.requestUrl('signAndSendTransaction', {
        transaction: bs58.encode(legacyTransfer(accountKey)),
        sendOptions: { skipPreflight: true },
      }),
    )
    expect(dapp.open(await wallet.approve(request))).toEqual({ signature: 'rpc-signature' })
    expect(sent[0]!.options).toEqual({ skipPreflight: true })
    expect(Transaction.from(sent[0]!.transaction).verifySignatures()).toBe(true)
  })

  test('a failing sender is -32003 and answerable', async () => {
    const { wallet, dapp, accountKey } = await connected({
      sendTransaction: async () => {
        throw new Error('blockhash not found')
      },
    })
    const request = await wallet.parse(
      dapp.requestUrl('signAndSendTransaction', { transaction: bs58.encode(legacyTransfer(accountKey)) }),
    )
    const error = await errorOf(() => wallet.approve(request))
    expect(error).toBeInstanceOf(TransactionRejectedError)
    expect(new URL(wallet.rejectError(error)!).searchParams.get('errorCode')).toBe('-32003')
  })

  test('an injected signer replaces the built-in one; its failure is -32603', async () => {
    const { wallet, dapp, accountKey } = await connected({
      signTransaction: () => {
        throw new Error('hardware wallet unplugged')
      },
    })
    const request = await wallet.parse(
      dapp.requestUrl('signTransaction', { transaction: bs58.encode(legacyTransfer(accountKey)) }),
    )
    expect(await errorOf(() => wallet.approve(request))).toBeInstanceOf(InternalWalletError)
  })

  test('a transaction the account does not sign is refused at parse time with -32000', async () => {
    const { wallet, dapp } = await connected()
    const url = dapp.requestUrl('signTransaction', {
      transaction: bs58.encode(legacyTransfer(Keypair.generate().publicKey)),
    })
    const error = await errorOf(() => wallet.parse(url))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.shortMessage).toMatch(/is not a required signer/)
    expect(new URL(wallet.rejectError(error)!).searchParams.get('errorCode')).toBe('-32000')
  })
})

describe('disconnect', () => {
  test('answers with the bare redirect link and forgets the session', async () => {
    const { wallet, dapp, sessions } = await connected()
    const request = await wallet.parse(dapp.requestUrl('disconnect', {}))
    expect(await wallet.approve(request)).toBe(dapp.redirectLink)
    expect(await sessions.get(bs58.encode(dapp.keyPair.publicKey))).toBeUndefined()
    const error = await errorOf(() => wallet.parse(dapp.requestUrl('signMessage', { message: 'Cn8eVZg' })))
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(error.code).toBe(4100)
  })
})

describe('authorization', () => {
  test('a session token of another account is 4100', async () => {
    const { wallet, dapp } = await connected()
    const forged = issueSessionToken({
      appUrl: 'https://dapp.example',
      secretKey: nacl.sign.keyPair().secretKey,
    })
    const error = await errorOf(() =>
      wallet.parse(dapp.requestUrl('signMessage', { message: 'Cn8eVZg', session: forged })),
    )
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(error.redirectLink).toBe(dapp.redirectLink)
  })

  test("another session's token of the same wallet is 4100", async () => {
    const { wallet, dapp } = await connected()
    const second = createFakeDapp({ baseUrl })
    second.acceptConnect(await wallet.approve(await wallet.parse(second.connectUrl())))
    const error = await errorOf(() =>
      wallet.parse(dapp.requestUrl('signMessage', { message: 'Cn8eVZg', session: second.session })),
    )
    expect(error).toBeInstanceOf(UnauthorizedError)
  })

  test('a payload encrypted with another key is a DecryptionError', async () => {
    const { wallet, dapp } = await connected()
    const url = new URL(dapp.requestUrl('signMessage', { message: 'Cn8eVZg' }))
    const wrong = nacl.box.after(new TextEncoder().encode('{}'), nacl.randomBytes(24), nacl.randomBytes(32))
    url.searchParams.set('payload', bs58.encode(wrong))
    expect(await errorOf(() => wallet.parse(url.href))).toBeInstanceOf(DecryptionError)
  })

  test('an unknown method is answerable with -32601', async () => {
    const { wallet, dapp } = await connected()
    const url = dapp.requestUrl('signMessage', { message: 'Cn8eVZg' }).replace('signMessage?', 'signIn?')
    const error = await errorOf(() => wallet.parse(url))
    expect(error).toBeInstanceOf(MethodNotFoundError)
    expect(new URL(wallet.rejectError(error)!).searchParams.get('errorCode')).toBe('-32601')
  })

  test('rejectError is undefined without a redirect link or for foreign errors', () => {
    const wallet = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl })
    expect(wallet.rejectError(new InvalidRequestError('x'))).toBeUndefined()
    expect(wallet.rejectError(new Error('x'))).toBeUndefined()
  })

  test('a failing session store is -32603', async () => {
    const account = nacl.sign.keyPair()
    const wallet = createDeeplinkWallet({
      account,
      baseUrl,
      sessions: {
        get: async () => {
          throw new Error('keychain locked')
        },
        set: async () => {
          throw new Error('keychain locked')
        },
        delete: async () => {},
      },
    })
    const dapp = createFakeDapp({ baseUrl })
    const error = await errorOf(async () => wallet.approve(await wallet.parse(dapp.connectUrl())))
    expect(error).toBeInstanceOf(InternalWalletError)
    expect(error.redirectLink).toBe(dapp.redirectLink)
  })
})

describe('request lifecycle', () => {
  test('a request is answered once; reopening the same link is a ReplayError', async () => {
    const { wallet, dapp } = await connected()
    const url = dapp.requestUrl('signMessage', { message: 'Cn8eVZg' })
    const request = await wallet.parse(url)
    await wallet.approve(request)
    expect(await errorOf(() => wallet.approve(request))).toBeInstanceOf(InvalidRequestError)
    expect(() => wallet.reject(request)).toThrow(/already answered/)
    expect(await errorOf(() => wallet.parse(url))).toBeInstanceOf(ReplayError)
  })

  test('a parsed but unanswered request may be parsed again', async () => {
    const { wallet, dapp } = await connected()
    const url = dapp.requestUrl('signMessage', { message: 'Cn8eVZg' })
    await wallet.parse(url)
    const again = await wallet.parse(url)
    expect(new URL(wallet.reject(again)).searchParams.get('errorCode')).toBe('4001')
  })

  test('a request object not from this wallet is refused', async () => {
    const { wallet, dapp } = await connected()
    const other = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl })
    const request = await other.parse(dapp.connectUrl())
    const copy: WalletRequest = { ...request }
    expect(await errorOf(() => wallet.approve(request))).toBeInstanceOf(InvalidRequestError)
    expect(await errorOf(() => other.approve(copy))).toBeInstanceOf(InvalidRequestError)
  })

  test('an account that is not an ed25519 keypair is refused', () => {
    expect(() =>
      createDeeplinkWallet({
        account: { publicKey: new Uint8Array(32), secretKey: new Uint8Array(32) },
        baseUrl,
      }),
    ).toThrow(/not an ed25519 keypair/)
  })
})

describe('safety', () => {
  test('a signMessage whose bytes are a transaction message is refused', async () => {
    const { wallet, dapp, accountKey } = await connected()
    for (const message of [
      Transaction.from(legacyTransfer(accountKey)).serializeMessage(),
      VersionedTransaction.deserialize(v0Transfer(accountKey)).message.serialize(),
    ]) {
      const error = await errorOf(() =>
        wallet.parse(dapp.requestUrl('signMessage', { message: bs58.encode(message) })),
      )
      expect(error.shortMessage).toBe('The message to sign is a Solana transaction message.')
      expect(error.code).toBe(-32000)
    }
  })

  test('mutating the parsed request object does not change what is signed or where it goes', async () => {
    const { wallet, dapp, account } = await connected()
    const message = new TextEncoder().encode('pay 1 SOL')
    const request = await wallet.parse(dapp.requestUrl('signMessage', { message: bs58.encode(message) }))
    if (request.method !== 'signMessage') throw new Error('wrong method')
    request.message.set(new TextEncoder().encode('pay 9 SOL'))
    request.redirectLink = 'https://evil.example/'
    const answer = await wallet.approve(request)
    expect(answer.startsWith(dapp.redirectLink)).toBe(true)
    const { signature } = dapp.open(answer) as { signature: string }
    expect(nacl.sign.detached.verify(message, bs58.decode(signature), account.publicKey)).toBe(true)
  })
})

describe('origin binding', () => {
  test('a later request whose redirect link leaves the session origin is refused, unanswered', async () => {
    const { wallet, dapp } = await connected()
    const url = new URL(
      dapp.requestUrl('signMessage', { message: bs58.encode(new TextEncoder().encode('hi')) }),
    )
    url.searchParams.set('redirect_link', 'https://evil.example/x')
    const error = await errorOf(() => wallet.parse(url.href))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.redirectLink).toBeUndefined()
    expect(error.shortMessage).toMatch(/not to the app's origin/)
  })

  test('a native app (custom scheme) is shown by its scheme, its app_url flagged unverified', async () => {
    const wallet = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl })
    const dapp = createFakeDapp({ baseUrl, redirectLink: 'jupiter://wallet-return' })
    const connect = await wallet.parse(dapp.connectUrl({ app_url: 'https://jup.ag' }))
    expect(connect).toMatchObject({
      appUrl: 'https://jup.ag',
      appIdentity: 'jupiter:',
      appUrlVerified: false,
    })
    dapp.acceptConnect(await wallet.approve(connect))
    const later = await wallet.parse(
      dapp.requestUrl('signMessage', { message: bs58.encode(new TextEncoder().encode('hi')) }),
    )
    expect(later).toMatchObject({ appIdentity: 'jupiter:', appUrlVerified: false })
  })
})
