import type { WalletTransportFactories } from '../createWalletClientFromTransports.js'
import type { WalletResponse } from '../walletState.js'
import type { TransportContext, WalletTransport } from '../walletTransport.js'

type Deferred<value> = { promise: Promise<value>; resolve(value: value): void; reject(error: unknown): void }

function deferred<value>(): Deferred<value> {
  let resolve!: (value: value) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<value>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A scripted transport: each call waits until the test answers it, so every state in between can be seen. */
export type FakeTransport = WalletTransport & {
  context: TransportContext
  calls: { method: string; args: unknown[]; answer: Deferred<unknown> }[]
  destroyed: number
  disconnects: number
  disconnectOptions: unknown[]
  /** How many times the client cancelled the stored pending request. */
  cancelled: number
  /** Answers the oldest unanswered call. */
  answer(value: unknown): void
  fail(error: unknown): void
}

/** The fake deeplink side: one stored session for all profiles, like the real one. */
export type FakeDeeplink = {
  context: TransportContext | undefined
  transports: Map<string, FakeTransport>
  stored: { wallet: string; publicKey: string } | null
  redirects: Map<string, WalletResponse | Error>
}

function createFakeTransport(type: 'deeplink' | 'relay', context: TransportContext): FakeTransport {
  const calls: FakeTransport['calls'] = []
  const call = <value>(method: string, ...args: unknown[]) => {
    const answer = deferred<unknown>()
    calls.push({ method, args, answer })
    return answer.promise as Promise<value>
  }
  const next = () => {
    const pending = calls.find((entry) => !(entry as { done?: boolean }).done)
    if (!pending) throw new Error('no call to answer')
    ;(pending as { done?: boolean }).done = true
    return pending
  }
  const transport: FakeTransport = {
    type,
    context,
    calls,
    destroyed: 0,
    disconnects: 0,
    disconnectOptions: [],
    cancelled: 0,
    connect: (options) => call('connect', options),
    disconnect: (options) => {
      transport.disconnects += 1
      transport.disconnectOptions.push(options)
      return Promise.resolve()
    },
    signMessage: (message, options) => call('signMessage', message, options),
    signTransaction: (transaction, options) => call('signTransaction', transaction, options),
    signAllTransactions: (transactions, options) => call('signAllTransactions', transactions, options),
    signAndSendTransaction: (transaction, options) => call('signAndSendTransaction', transaction, options),
    cancelPendingRequest: () => {
      transport.cancelled += 1
    },
    destroy: () => {
      transport.destroyed += 1
    },
    answer: (value) => next().answer.resolve(value),
    fail: (error) => next().answer.reject(error),
  }
  return transport
}

/** Transport factories whose transports the test drives by hand. */
export function createFakeTransports(
  options: {
    profiles?: string[]
    relay?: boolean
    stored?: { wallet: string; publicKey: string }
    pending?: { method: 'connect' | 'signMessage'; wallet: string }
  } = {},
) {
  const { profiles = ['phantom', 'solflare'], relay = true } = options
  const deeplink: FakeDeeplink = {
    context: undefined,
    transports: new Map(),
    stored: options.stored ?? null,
    redirects: new Map(),
  }
  const relays: FakeTransport[] = []
  let deeplinkCreated = 0
  const factories: WalletTransportFactories = {
    deeplinkProfiles: profiles,
    deeplink(context) {
      deeplinkCreated += 1
      deeplink.context = context
      return {
        get(profile) {
          if (!profiles.includes(profile)) throw new Error(`unknown profile ${profile}`)
          let transport = deeplink.transports.get(profile)
          if (!transport) {
            transport = createFakeTransport('deeplink', context)
            deeplink.transports.set(profile, transport)
          }
          return transport
        },
        restore: () => deeplink.stored,
        pendingRequest: () => options.pending ?? null,
        handleRedirect(url) {
          const found = deeplink.redirects.get(url)
          if (found instanceof Error) throw found
          return found ?? null
        },
      }
    },
    relay: relay
      ? async (context) => {
          const transport = createFakeTransport('relay', context)
          relays.push(transport)
          return transport
        }
      : undefined,
  }
  return { factories, deeplink, relays, deeplinkCreated: () => deeplinkCreated }
}
