// @vitest-environment happy-dom
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { readRoute } from '../routing/readRoute.js'
import { createRpcClient } from '../rpc/createRpcClient.js'
import { createMapStorage } from '../test/createMapStorage.js'
import { createRouteHandler } from './handleRoute.js'
import { listenForWakeUps } from './wakeUp.js'
import type { StatusTone } from './walletContext.js'

const origin = 'http://wallet.test'
const restingUrl = `${origin}/ul/v1/relay`
const stops: (() => void)[] = []
afterEach(() => {
  for (const stop of stops.splice(0)) stop()
})

/** A handler whose relay and MetaMask panels record what the route asked of them. */
function openHandler({ holdsSession = false, wakesHere = false } = {}) {
  const statuses: { text: string; tone: StatusTone | undefined }[] = []
  const addressBar: string[] = []
  const asked: string[] = []
  const handleRoute = createRouteHandler({
    context: {
      account: nacl.sign.keyPair(),
      publicKey: '',
      settings: { rpcUrl: 'http://127.0.0.1:1', pauseAfterMs: 300 },
      rpc: createRpcClient({ url: 'http://127.0.0.1:1' }),
      storage: createMapStorage(),
      baseUrl: `${origin}/ul/v1/`,
      navigate: (url) => asked.push(`navigate ${url}`),
      setStatus: (text, tone) => statuses.push({ text, tone }),
      refreshBalance: async () => {},
    },
    origin,
    restingUrl,
    requestArea: document.createElement('div'),
    relay: {
      pairFromLink: async (link) => void asked.push(`relay pair ${link}`),
      wake: (channel) => {
        asked.push(`relay wake ${channel}`)
        return wakesHere
      },
      holdsSession: () => holdsSession,
    },
    metamask: { pair: async (link) => void asked.push(`metamask pair ${link}`) },
    replaceUrl: (url) => addressBar.push(url),
  })
  return { handleRoute, statuses, addressBar, asked }
}

describe('createRouteHandler', () => {
  it('a pairing link goes to the relay panel, and its secret leaves the address bar first', () => {
    const { handleRoute, addressBar, asked } = openHandler()
    const link = `${origin}/ul/v1/pair#uri=dapplink%3Asecret`
    handleRoute(readRoute(link))
    expect(addressBar).toEqual([`${origin}/`])
    expect(asked).toEqual([`relay pair ${link}`])
  })

  it('a MetaMask link goes to the MetaMask panel, and leaves the address bar', () => {
    const { handleRoute, addressBar, asked } = openHandler()
    handleRoute(readRoute(`${origin}/ul/v1/mwp#link=${encodeURIComponent('metamask://connect/mwp?p=1')}`))
    expect(addressBar).toEqual([`${origin}/`])
    expect(asked).toEqual(['metamask pair metamask://connect/mwp?p=1'])
  })

  it('a broken wake-up link says why, and a paired tab stays at its resting URL', () => {
    const unpaired = openHandler()
    unpaired.handleRoute(readRoute(`${origin}/ul/v1/relay#nothing=1`))
    expect(unpaired.addressBar).toEqual([`${origin}/`])
    expect(unpaired.statuses).toEqual([
      { text: 'This wake-up link names no session (its "#channel=" part is missing).', tone: 'error' },
    ])
    const paired = openHandler({ holdsSession: true })
    paired.handleRoute(readRoute(`${origin}/ul/v1/relay#nothing=1`))
    expect(paired.addressBar).toEqual([restingUrl])
  })

  it('a wake-up link for the session this tab holds wakes it here', () => {
    const { handleRoute, statuses, addressBar, asked } = openHandler({ holdsSession: true, wakesHere: true })
    handleRoute(readRoute(`${restingUrl}#channel=AAAA`))
    expect(addressBar).toEqual([restingUrl])
    expect(asked).toEqual(['relay wake AAAA'])
    expect(statuses).toEqual([
      { text: 'Woken up by the dapp: the session is back in the foreground.', tone: 'success' },
    ])
  })

  it('a wake-up link for a session of another tab asks that tab to resume over its broadcast channel', async () => {
    let resumed = 0
    stops.push(listenForWakeUps('BBBB', () => resumed++))
    const { handleRoute, statuses } = openHandler()
    handleRoute(readRoute(`${origin}/ul/v1/relay#channel=BBBB`))
    expect(statuses).toEqual([{ text: 'Waking the relay session…', tone: undefined }])
    await expect.poll(() => statuses.length).toBe(2)
    expect(resumed).toBe(1)
    expect(statuses[1]).toEqual({
      text: 'The wallet tab holding this session is back in the foreground.',
      tone: 'success',
    })
  })

  it('the home page asks nothing of anyone', () => {
    const { handleRoute, statuses, addressBar, asked } = openHandler()
    handleRoute(readRoute(`${origin}/`))
    expect([...statuses, ...addressBar, ...asked]).toEqual([])
  })
})
