import bs58 from 'bs58'
import type { Browser } from 'playwright-core'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildMwpLink } from '../../../packages/wallet/src/metamask/buildMwpLink.js'
import { createMetaMaskDapp, dappMetadata } from '../../../packages/wallet/src/testing/metamaskDappHarness.js'
import { type SpawnedMwpRelay, spawnMwpRelay } from '../../mwp-relay/src/testing/spawnMwpRelay.js'
import { launchChromium } from './browser/launchChromium.js'
import { waitForAttribute } from './scenarios/demoPage.js'

// The reference wallet in Chromium answers a metamask://connect/mwp link as MetaMask Mobile would:
// MetaMask's own dapp client (in Node) pairs with it through the MWP relay stand-in, and the user
// approves on the wallet page. Proves the browser build of @dapplink/wallet/metamask (no Buffer).

const solanaMainnet = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'
let relay: SpawnedMwpRelay
let browser: Browser

beforeAll(async () => {
  ;[relay, browser] = await Promise.all([spawnMwpRelay(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await relay?.stop()
})

describe('reference wallet: MetaMask protocol', () => {
  it('pairs with MetaMask’s dapp client, approves a session and signs a Solana message', async () => {
    const { walletUrl } = inject('services')
    const page = await browser.newPage()
    const dapp = await createMetaMaskDapp(relay.url)
    const requested = dapp.sessionRequest()
    const connected = dapp.client.connect({ mode: 'trusted' })
    const link = await buildMwpLink(await requested, dappMetadata)
    await page.goto(
      `${walletUrl}/ul/v1/mwp?mwpRelayUrl=${encodeURIComponent(relay.url)}#link=${encodeURIComponent(link)}`,
    )
    await connected
    await waitForAttribute(page, 'mwp-state', 'data-state', 'connected')
    const publicKey = bs58.decode(((await page.getByTestId('public-key').textContent()) ?? '').trim())

    const session = dapp.request('wallet_createSession', { optionalScopes: { [solanaMainnet]: {} } })
    await page.getByTestId('approve').click()
    const created = (await session)['result'] as { sessionScopes: Record<string, { accounts: string[] }> }
    expect(created.sessionScopes[solanaMainnet]?.accounts).toEqual([
      `${solanaMainnet}:${bs58.encode(publicKey)}`,
    ])

    const message = new TextEncoder().encode('Hello from a MetaMask dapp')
    const signing = dapp.request('wallet_invokeMethod', {
      scope: solanaMainnet,
      request: {
        method: 'signMessage',
        params: {
          message: Buffer.from(message).toString('base64'),
          account: { address: bs58.encode(publicKey) },
        },
      },
    })
    await waitForAttribute(page, 'request', 'data-method', 'signMessage')
    await page.getByTestId('approve').click()
    const signed = (await signing)['result'] as { signature: string }
    expect(nacl.sign.detached.verify(message, bs58.decode(signed.signature), publicKey)).toBe(true)

    await page.getByTestId('mwp-end').click()
    await waitForAttribute(page, 'mwp-state', 'data-state', 'ended')
    await dapp.client.disconnect()
    await page.close()
  })
})
