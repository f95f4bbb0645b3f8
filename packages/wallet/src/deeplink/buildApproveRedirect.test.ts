import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { expect, test } from 'vitest'
import { buildApproveRedirect } from './buildApproveRedirect.js'

const dapp = nacl.box.keyPair()
const wallet = nacl.box.keyPair()
const walletSecret = nacl.box.before(dapp.publicKey, wallet.secretKey)
const dappSecret = nacl.box.before(wallet.publicKey, dapp.secretKey)

test('the dapp opens the data with its own side of the shared secret', () => {
  const answer = buildApproveRedirect('https://dapp.example/cb?request=9', {
    sharedSecret: walletSecret,
    data: { signature: 'sig' },
    params: { phantom_encryption_public_key: bs58.encode(wallet.publicKey) },
  })
  const url = new URL(answer)
  expect([...url.searchParams.keys()]).toEqual(['request', 'phantom_encryption_public_key', 'nonce', 'data'])
  expect(url.searchParams.get('request')).toBe('9')
  const plain = nacl.box.open.after(
    bs58.decode(url.searchParams.get('data')!),
    bs58.decode(url.searchParams.get('nonce')!),
    dappSecret,
  )
  expect(JSON.parse(new TextDecoder().decode(plain!))).toEqual({ signature: 'sig' })
})

test('without data (disconnect) the link comes back unchanged', () => {
  expect(buildApproveRedirect('https://dapp.example/cb?request=9')).toBe('https://dapp.example/cb?request=9')
  expect(buildApproveRedirect('myapp://cb')).toBe('myapp://cb')
})
