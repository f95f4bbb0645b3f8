import bs58 from 'bs58'
import fc from 'fast-check'
import nacl from 'tweetnacl'
import { beforeAll, describe, expect, test } from 'vitest'
import { deeplinkMethods } from '../deeplink/methods.js'
import { isDeeplinkErrorCode } from '../errors/codes.js'
import { WalletRequestError } from '../errors/walletRequestError.js'
import { createFakeDapp } from '../test/fakeDapp.js'
import { createDeeplinkWallet, type DeeplinkWallet } from './createDeeplinkWallet.js'

// Property-based tests: hostile request URLs fed to a connected wallet. Every one must end in a typed
// WalletRequestError with a protocol code, fast, and never succeed; an error may only point back to the
// dapp's own redirect link.

const baseUrl = 'https://wallet.example/ul/v1/'
const encryptedMethods = deeplinkMethods.filter((method) => method !== 'connect')
let wallet: DeeplinkWallet
let dapp: ReturnType<typeof createFakeDapp>

beforeAll(async () => {
  wallet = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl })
  dapp = createFakeDapp({ baseUrl })
  dapp.acceptConnect(await wallet.approve(await wallet.parse(dapp.connectUrl())))
})

/** Parses `url` and checks it ends in a well-formed typed error (a hang fails on the test timeout). */
async function expectTypedError(url: string): Promise<WalletRequestError> {
  let outcome: unknown
  try {
    outcome = await wallet.parse(url)
  } catch (error) {
    outcome = error
  }
  if (!(outcome instanceof WalletRequestError))
    throw new Error(`expected a WalletRequestError for ${url.slice(0, 200)}, got ${String(outcome)}`)
  expect(isDeeplinkErrorCode(outcome.code)).toBe(true)
  expect(outcome.shortMessage.length).toBeGreaterThan(0)
  expect([undefined, dapp.redirectLink]).toContain(outcome.redirectLink)
  const answer = wallet.rejectError(outcome)
  if (answer !== undefined) expect(new URL(answer).searchParams.get('errorCode')).toBe(String(outcome.code))
  return outcome
}

const setParam = (url: string, name: string, value: string) => {
  const parsed = new URL(url)
  parsed.searchParams.set(name, value)
  return parsed.href
}

const method = fc.constantFrom(...encryptedMethods)
const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const notBase58Char = fc.constantFrom(...'0OIl+/=_-.~ %!é\u0000\u{1F600}')
const param = fc.constantFrom('dapp_encryption_public_key', 'nonce', 'payload')
const runs = { numRuns: 60 }

describe('hostile encrypted requests', () => {
  test('bad base58 in a binary parameter', async () => {
    await fc.assert(
      fc.asyncProperty(method, param, notBase58Char, fc.nat(), async (name, field, bad, position) => {
        const url = dapp.requestUrl(name, { message: 'Cn8eVZg', transaction: 'x', transactions: ['x'] })
        const value = new URL(url).searchParams.get(field)!
        const index = position % (value.length + 1)
        const error = await expectTypedError(
          setParam(url, field, value.slice(0, index) + bad + value.slice(index)),
        )
        expect(error.code).toBe(-32000)
      }),
      runs,
    )
  })

  test('a nonce that is not 24 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.uint8Array({ maxLength: 64 }).filter((bytes) => bytes.length !== 24),
        async (name, nonce) => {
          const url = dapp.requestUrl(name, { message: 'Cn8eVZg' })
          expect((await expectTypedError(setParam(url, 'nonce', bs58.encode(nonce)))).code).toBe(-32000)
        },
      ),
      runs,
    )
  })

  test('any flipped bit in the payload or nonce', async () => {
    await fc.assert(
      fc.asyncProperty(method, fc.constantFrom('nonce', 'payload'), fc.nat(), async (name, field, bit) => {
        const url = dapp.requestUrl(name, { message: 'Cn8eVZg' })
        const bytes = bs58.decode(new URL(url).searchParams.get(field)!)
        const index = bit % (bytes.length * 8)
        bytes[index >> 3]! ^= 1 << (index & 7)
        await expectTypedError(setParam(url, field, bs58.encode(bytes)))
      }),
      runs,
    )
  })

  test('any single character changed in the nonce or payload text', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.constantFrom('nonce', 'payload'),
        fc.nat(),
        fc.constantFrom(...base58Alphabet, '&', '#', '=', '+', '%'),
        async (name, field, position, replacement) => {
          const url = dapp.requestUrl(name, { message: 'Cn8eVZg' })
          const start = url.indexOf(`${field}=`) + field.length + 1
          const end = url.indexOf('&', start) === -1 ? url.length : url.indexOf('&', start)
          const index = start + (position % (end - start))
          fc.pre(url[index] !== replacement)
          await expectTypedError(url.slice(0, index) + replacement + url.slice(index + 1))
        },
      ),
      runs,
    )
  })

  test('a dapp key with no session, or a payload boxed with the wrong key', async () => {
    await fc.assert(
      fc.asyncProperty(method, fc.boolean(), async (name, unknownKey) => {
        const url = dapp.requestUrl(name, { message: 'Cn8eVZg' })
        if (unknownKey) {
          const error = await expectTypedError(
            setParam(url, 'dapp_encryption_public_key', bs58.encode(nacl.box.keyPair().publicKey)),
          )
          expect(error.code).toBe(4100)
        } else {
          const nonce = nacl.randomBytes(24)
          const json = new TextEncoder().encode(JSON.stringify({ session: dapp.session, message: 'Cn8eVZg' }))
          const box = nacl.box(json, nonce, nacl.box.keyPair().publicKey, dapp.keyPair.secretKey)
          const tampered = setParam(setParam(url, 'nonce', bs58.encode(nonce)), 'payload', bs58.encode(box))
          expect((await expectTypedError(tampered)).name).toBe('DecryptionError')
        }
      }),
      runs,
    )
  })

  test('any JSON without the session token', async () => {
    await fc.assert(
      fc.asyncProperty(method, fc.jsonValue(), async (name, json) => {
        expect([-32000, 4100]).toContain((await expectTypedError(dapp.rawRequestUrl(name, json))).code)
      }),
      runs,
    )
  })

  test('the right session token with fields of the wrong type', async () => {
    const notAString = fc.jsonValue().filter((value) => typeof value !== 'string')
    await fc.assert(
      fc.asyncProperty(
        // disconnect has no field besides the session, so any object with the right session is valid.
        fc.constantFrom('signMessage', 'signTransaction', 'signAllTransactions', 'signAndSendTransaction'),
        fc.record({
          message: notAString,
          transaction: notAString,
          transactions: notAString,
          display: notAString,
        }),
        async (name, fields) => {
          const error = await expectTypedError(dapp.rawRequestUrl(name, { ...fields, session: dapp.session }))
          expect(error.code).toBe(-32000)
        },
      ),
      runs,
    )
  })
})

describe('hostile request URLs', () => {
  test('huge parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('connect', ...encryptedMethods),
        fc.nat(),
        fc.integer({ min: 4_100, max: 120_000 }),
        fc.constantFrom('z', '1', 'é', '%'),
        async (name, fieldIndex, length, char) => {
          // Only the parameters the method reads; others are ignored (up to the whole-URL cap).
          const fields =
            name === 'connect'
              ? ['dapp_encryption_public_key', 'redirect_link', 'app_url', 'cluster']
              : ['dapp_encryption_public_key', 'nonce', 'payload', 'redirect_link']
          const field = fields[fieldIndex % fields.length]!
          const url = name === 'connect' ? dapp.connectUrl() : dapp.requestUrl(name, { message: 'Cn8eVZg' })
          const value =
            field === 'redirect_link' ? `https://d.example/${char.repeat(length)}` : char.repeat(length)
          await expectTypedError(setParam(url, field, value))
        },
      ),
      { numRuns: 40 },
    )
  })

  test('a huge field inside a well-encrypted payload', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('signTransaction', 'signAndSendTransaction', 'signAllTransactions'),
        fc.integer({ min: 1_700, max: 6_000 }),
        async (name, length) => {
          const huge = 'z'.repeat(length)
          await expectTypedError(dapp.requestUrl(name, { transaction: huge, transactions: [huge] }))
        },
      ),
      // Few runs: building each request base58-encodes ~20k characters, which is quadratic.
      { numRuns: 4 },
    )
  })

  test('duplicate parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.constantFrom('dapp_encryption_public_key', 'nonce', 'payload', 'redirect_link'),
        fc.boolean(),
        async (name, field, same) => {
          const url = dapp.requestUrl(name, { message: 'Cn8eVZg' })
          const value = same ? new URL(url).searchParams.get(field)! : 'https://evil.example/steal'
          const error = await expectTypedError(`${url}&${field}=${encodeURIComponent(value)}`)
          expect(error.code).toBe(-32000)
          if (field === 'redirect_link') expect(error.redirectLink).toBeUndefined()
        },
      ),
      runs,
    )
  })

  test('unknown methods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }).filter((name) => !(deeplinkMethods as readonly string[]).includes(name)),
        async (name) => {
          const url = dapp
            .requestUrl('signMessage', { message: 'Cn8eVZg' })
            .replace('signMessage?', `${name}?`)
          await expectTypedError(url)
        },
      ),
      runs,
    )
  })

  test('malformed redirect links leave nowhere to answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.oneof(
          fc.string({ maxLength: 60 }).filter((value) => !URL.canParse(value)),
          fc.constantFrom(
            'javascript:alert(1)',
            'data:text/html,x',
            'file:///etc/passwd',
            'https://d.example/?data=1',
          ),
          fc.constant(''),
        ),
        async (name, redirect) => {
          const error = await expectTypedError(
            setParam(dapp.requestUrl(name, { message: 'Cn8eVZg' }), 'redirect_link', redirect),
          )
          expect(error.redirectLink).toBeUndefined()
          expect(wallet.rejectError(error)).toBeUndefined()
        },
      ),
      runs,
    )
  })

  test('arbitrary strings and URLs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string({ maxLength: 200 }).map((query) => `${baseUrl}signMessage?${query}`),
        ),
        async (url) => {
          await expectTypedError(url)
        },
      ),
      { numRuns: 150 },
    )
  })
})
