// @vitest-environment happy-dom
// The wallet's relay panel with the real relay process (apps/relay's built CLI), a real dapp session
// (@dapplink/core/relay) and the real kit: what the user reads when the dapp ends the session, when a link
// was already used, and when a link is broken.
import { buildWalletLink, createRelaySession, type RelaySession } from '@dapplink/core/relay'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createRpcClient } from '../rpc/createRpcClient.js'
import { createMapStorage } from '../test/createMapStorage.js'
import { createRelayPanel, type RelayPanel } from './relayPanel.js'
import type { StatusTone } from './walletContext.js'

declare module 'vitest' {
  export interface ProvidedContext {
    relayUrl: string
  }
}

// Started once for the run by apps/relay/src/testing/relayGlobalSetup.ts (vitest.config.ts).
const relayUrl = inject('relayUrl')
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
  document.body.replaceChildren()
})

const walletBase = 'http://wallet.test/ul/v1/'

async function until(check: () => boolean, timeoutMs = 8_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function openPanel() {
  const statuses: { text: string; tone: StatusTone | undefined }[] = []
  const approvals: ((approved: boolean) => void)[] = []
  let withdrawn = 0
  let paired = 0
  const account = nacl.sign.keyPair()
  const panel: RelayPanel = createRelayPanel({
    context: {
      account,
      publicKey: 'unused',
      settings: { rpcUrl: 'http://127.0.0.1:9', pauseAfterMs: 20_000 },
      rpc: createRpcClient({ url: 'http://127.0.0.1:9' }),
      storage: createMapStorage(),
      baseUrl: walletBase,
      navigate: () => {},
      setStatus: (text, tone) => statuses.push({ text, tone }),
      refreshBalance: async () => {},
    },
    askApproval: () => new Promise<boolean>((resolve) => approvals.push(resolve)),
    cancelApproval: () => {
      withdrawn++
      for (const approve of approvals.splice(0)) approve(false)
    },
    onPaired: () => paired++,
  })
  document.body.append(panel.element)
  const text = (id: string) => panel.element.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''
  const hidden = (id: string) => (panel.element.querySelector(`[data-testid="${id}"]`) as HTMLElement).hidden
  return {
    panel,
    statuses,
    approvals,
    text,
    hidden,
    lastStatus: () => statuses.at(-1)?.text,
    get withdrawn() {
      return withdrawn
    },
    get paired() {
      return paired
    },
  }
}

function openDapp(): RelaySession {
  const dapp = createRelaySession({
    relayUrl,
    app: { name: 'Panel test dapp', url: 'https://dapp.example' },
    walletLinkBaseUrl: walletBase,
  })
  cleanups.push(() => dapp.disconnect())
  return dapp
}

async function pairAndConnect(wallet: ReturnType<typeof openPanel>, dapp: RelaySession) {
  const connected = dapp.connect()
  const pairing = wallet.panel.pairFromLink(dapp.walletLink!)
  await until(() => wallet.approvals.length === 1)
  wallet.approvals.shift()!(true)
  await pairing
  await connected
  await until(() => wallet.text('relay-state') === 'connected')
}

describe('the relay panel of the reference wallet (real relay)', () => {
  it('says the dapp ended the session and clears the verification code, even under a shown request', async () => {
    const wallet = openPanel()
    const dapp = openDapp()
    await pairAndConnect(wallet, dapp)
    expect(wallet.paired).toBe(1)
    expect(wallet.text('verification-code')).toBe(dapp.getState().verificationCode)
    expect(wallet.hidden('relay-session')).toBe(false)

    // A request waits for the user when the dapp goes away (a reload sends `terminate` and closes the channel).
    void dapp.signMessage('Hello').catch(() => {})
    await until(() => wallet.approvals.length === 1)
    await dapp.disconnect()

    await until(() => wallet.text('relay-state').startsWith('cleared'))
    expect(wallet.lastStatus()).toBe('The dapp ended the session.')
    expect(wallet.statuses.map((status) => status.text)).not.toContain('Rejected.')
    expect(wallet.withdrawn).toBe(1)
    expect(wallet.text('verification-code')).toBe('')
    expect(wallet.hidden('relay-session')).toBe(true)
  })

  it('closes the approval dialog when the dapp cancels the request, and signs nothing', async () => {
    const wallet = openPanel()
    const dapp = openDapp()
    await pairAndConnect(wallet, dapp)
    const controller = new AbortController()
    const request = dapp
      .signMessage('Cancel me', { signal: controller.signal })
      .catch((error: unknown) => error)
    await until(() => wallet.approvals.length === 1)
    controller.abort()
    await request
    await until(() => wallet.withdrawn === 1)
    expect(wallet.lastStatus()).toBe('The app cancelled its request. Nothing was signed.')
    expect(wallet.statuses.map((status) => status.text)).not.toContain('Rejected.')
    // The session goes on: the next request is shown and signed.
    const next = dapp.signMessage('Next')
    await until(() => wallet.approvals.length === 1)
    wallet.approvals.shift()!(true)
    expect((await next).signature).toHaveLength(64)
    expect(wallet.text('relay-state')).toBe('connected')
  })

  it('tells the user at once that a used pairing link was already used', async () => {
    const wallet = openPanel()
    const dapp = openDapp()
    await pairAndConnect(wallet, dapp)
    await dapp.disconnect()
    await until(() => wallet.text('relay-state').startsWith('cleared'))

    const started = Date.now()
    await wallet.panel.pairFromLink(dapp.walletLink!)
    expect(Date.now() - started).toBeLessThan(6_000)
    expect(wallet.text('relay-error')).toBe(
      'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.',
    )
    expect(wallet.hidden('relay-error')).toBe(false)
    expect(wallet.text('relay-state')).toBe('failed')
    expect(wallet.text('verification-code')).toBe('')
  })

  it('names what is wrong with a broken pairing link instead of ignoring it', async () => {
    const wallet = openPanel()
    await wallet.panel.pairFromLink(`${walletBase}pair`)
    expect(wallet.text('relay-error')).toBe(
      'The pairing link carries no pairing URI (its "#uri=" part is missing).',
    )
    const dapp = openDapp()
    const unencoded = `${walletBase}pair#uri=${dapp.pairingUri}`
    await wallet.panel.pairFromLink(unencoded)
    expect(wallet.text('relay-error')).toBe(
      'The pairing URI in the link is not percent-encoded: its "&" cut it before "relay".',
    )
    expect(wallet.lastStatus()).toBe('This pairing link cannot be used.')
    expect(buildWalletLink(walletBase, dapp.pairingUri)).toBe(dapp.walletLink)
  })
})
