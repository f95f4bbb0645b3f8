import { createSocketIoTransport, type RelayTransportFactory } from '@dapplink/core/relay'
import { PairingLinkUsedError } from '../errors/pairingErrors.js'
import { stepUsedLinkWatch, type UsedLinkWatchInput, type UsedLinkWatchState } from './usedLinkWatch.js'

export type WatchPairingRelayParameters = {
  /** The transport the session would use (socket.io by default). */
  transport: RelayTransportFactory | undefined
  graceMs: number
  /** Called once when the link turns out to be used. */
  onUsed: (error: PairingLinkUsedError) => void
  now?: (() => number) | undefined
}

/**
 * Wraps the session's relay transport to watch, without changing anything it sends or receives, the answers
 * to `join` and the dapp's presence, and runs `stepUsedLinkWatch` on them. `dappAnswered()` stops the watch
 * (the handshake got its KEY); `stop()` ends it.
 */
export function watchPairingRelay(parameters: WatchPairingRelayParameters) {
  const { graceMs, onUsed } = parameters
  const now = parameters.now ?? Date.now
  const base = parameters.transport ?? createSocketIoTransport
  let state: UsedLinkWatchState = { step: 'waiting' }
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribes: (() => void)[] = []

  const feed = (input: UsedLinkWatchInput) => {
    const step = stepUsedLinkWatch(state, input, graceMs)
    state = step.state
    clearTimeout(timer)
    timer = undefined
    if (step.verdict) {
      stop()
      onUsed(new PairingLinkUsedError(step.verdict, graceMs))
      return
    }
    if (step.deadline !== undefined)
      timer = setTimeout(() => feed({ type: 'tick', at: now() }), Math.max(0, step.deadline - now()))
  }

  function stop() {
    clearTimeout(timer)
    timer = undefined
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe()
    state = { step: 'answered' }
  }

  const transport: RelayTransportFactory = (relayUrl, socketOptions) => {
    const inner = base(relayUrl, socketOptions)
    unsubscribes.push(
      inner.subscribe((event) => {
        if (event.type !== 'peer') return
        const present = (event.payload as { present?: unknown } | null)?.present
        if (typeof present === 'boolean') feed({ type: 'dappPresence', present, at: now() })
      }),
    )
    return {
      get connected() {
        return inner.connected
      },
      open: () => inner.open(),
      close: () => inner.close(),
      subscribe: (listener) => inner.subscribe(listener),
      async call(event, payload, timeoutMs) {
        const answer = await inner.call(event, payload, timeoutMs)
        if (event === 'join') feed(readJoinAnswer(answer, now()))
        return answer
      },
    }
  }

  return { transport, dappAnswered: () => feed({ type: 'dappAnswered' }), stop }
}

function readJoinAnswer(answer: unknown, at: number): UsedLinkWatchInput {
  const record = (typeof answer === 'object' && answer !== null ? answer : {}) as {
    ok?: unknown
    peer?: unknown
    error?: { code?: unknown }
  }
  if (record.ok === true) return { type: 'joined', dappPresent: record.peer === true, at }
  const code = record.error?.code
  const dappPresent = typeof record.peer === 'boolean' ? record.peer : undefined
  return { type: 'joinRefused', code: typeof code === 'string' ? code : 'bad_answer', at, dappPresent }
}
