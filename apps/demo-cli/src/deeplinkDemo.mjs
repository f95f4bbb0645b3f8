// Terminal demo: a dapp (@dapplink/core) and a wallet (@dapplink/wallet) run a full
// connect → signMessage → signAndSendTransaction → disconnect deeplink round trip.
// Navigation is injected, so every URL the dapp would open is handed to the wallet kit,
// and every redirect the wallet answers with is handed back to the dapp. The transfer
// really executes on a local Solana cluster (litesvm) started in this process.

import { createDeeplinkClient, decodeBase58, defineWalletProfile, encodeBase58 } from '@dapplink/core'
import { createDeeplinkWallet } from '@dapplink/wallet'
import { confirmByPolling, startCluster } from '@dapplink-app/cluster'
import { Connection, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from '@solana/web3.js'
import nacl from 'tweetnacl'

const quiet = process.argv.includes('--quiet')
const log = (...args) => {
  if (!quiet) console.log(...args)
}
const shorten = (url) => (url.length > 160 ? `${url.slice(0, 157)}...` : url)

const walletBaseUrl = 'https://wallet.example/ul/v1/'
const profile = defineWalletProfile({
  id: 'demo-wallet',
  name: 'Demo wallet',
  baseUrl: walletBaseUrl,
  encryptionPublicKeyParam: 'demo_encryption_public_key',
})

// The wallet: a real ed25519 account, funded on the local cluster.
const account = nacl.sign.keyPair()
const accountAddress = new PublicKey(account.publicKey)
const cluster = await startCluster({
  port: 0,
  fund: [{ address: accountAddress.toBase58(), lamports: 10n * BigInt(LAMPORTS_PER_SOL) }],
})
const connection = new Connection(cluster.url, 'confirmed')
log(`local cluster at ${cluster.url}; wallet ${accountAddress.toBase58()} funded with 10 SOL`)

const wallet = createDeeplinkWallet({
  account,
  baseUrl: walletBaseUrl,
  encryptionParam: 'demo_encryption_public_key',
  async sendTransaction(signed) {
    const signature = await connection.sendRawTransaction(signed)
    const status = await confirmByPolling(connection, signature, { timeoutMs: 10_000 })
    if (status.err) throw new Error(`The transfer failed on the cluster: ${JSON.stringify(status.err)}`)
    return signature
  },
})

// The dapp: navigation goes to the wallet kit instead of a browser.
let opened
const dapp = createDeeplinkClient({
  profile,
  appUrl: 'https://dapp.example',
  redirectLink: 'https://dapp.example/wallet-return',
  cluster: 'devnet',
  navigate: (url) => {
    opened = url
  },
})

async function roundTrip(label, call) {
  opened = undefined
  const pending = call()
  log(`\n── ${label}`)
  log(`dapp opens   ${shorten(opened)}`)
  const request = await wallet.parse(opened)
  log(`wallet sees  ${describe(request)}`)
  const redirect = await wallet.approve(request)
  log(`wallet sends ${shorten(redirect)}`)
  dapp.handleRedirect(redirect)
  const result = await pending
  log('dapp gets   ', printable(result))
  return result
}

// Byte arrays print as base58, the way explorers and wallets show them.
function printable(value) {
  if (value instanceof Uint8Array) return encodeBase58(value)
  if (Array.isArray(value)) return value.map(printable)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, printable(entry)]))
  return value
}

function describe(request) {
  switch (request.method) {
    case 'connect':
      return `connect from ${request.appUrl} on ${request.cluster}`
    case 'signMessage':
      return `signMessage "${request.text ?? request.hex}"`
    case 'signAndSendTransaction':
      return `signAndSendTransaction with ${request.transaction.instructionCount} instruction(s), fee payer ${request.transaction.feePayer}`
    default:
      return request.method
  }
}

const connected = await roundTrip('connect', () => dapp.connect())
if (!connected.sessionVerified) throw new Error('The session token did not verify.')

const message = 'Sign in to dapp.example'
const { signature } = await roundTrip('signMessage', () => dapp.signMessage(message))
const signatureValid = nacl.sign.detached.verify(
  new TextEncoder().encode(message),
  signature,
  decodeBase58(connected.publicKey),
)
log(`signature verifies against ${connected.publicKey}: ${signatureValid}`)
if (!signatureValid) throw new Error('The message signature did not verify.')

const payer = new PublicKey(connected.publicKey)
const recipient = PublicKey.unique()
const { blockhash } = await connection.getLatestBlockhash()
const transfer = new Transaction({ feePayer: payer, recentBlockhash: blockhash }).add(
  SystemProgram.transfer({ fromPubkey: payer, toPubkey: recipient, lamports: LAMPORTS_PER_SOL }),
)
const before = await connection.getBalance(payer)
const sendResult = await roundTrip('signAndSendTransaction', () => dapp.signAndSendTransaction(transfer))
const after = await connection.getBalance(payer)
const received = await connection.getBalance(recipient)
log(`transaction ${sendResult.transactionSignature} landed on the local cluster`)
log(
  `wallet balance ${before / LAMPORTS_PER_SOL} SOL → ${after / LAMPORTS_PER_SOL} SOL; recipient has ${received / LAMPORTS_PER_SOL} SOL`,
)
if (received !== LAMPORTS_PER_SOL) throw new Error('The transfer did not arrive.')

await roundTrip('disconnect', () => dapp.disconnect())
log(`\ndapp state: ${dapp.getState().status}`)
if (dapp.getState().status !== 'disconnected') throw new Error('The dapp did not disconnect.')
await cluster.close()
console.log('deeplink demo: connect, signMessage, signAndSendTransaction and disconnect all succeeded')
