// Wake-up links (`/ul/v1/relay#channel=`) open a new page, but a relay session lives in the memory of the
// tab that paired it. The new page asks the other tabs of this origin over a BroadcastChannel.

const channelName = 'dapplink-wallet-wake-up'

type WakeUpMessage = { type: 'wake'; channel: string } | { type: 'woken'; channel: string }

/** Lets a tab holding the session of `channel` resume it when a wake-up link opens. Returns a stop function. */
export function listenForWakeUps(channel: string, resume: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {}
  const broadcast = new BroadcastChannel(channelName)
  broadcast.onmessage = (event: MessageEvent<WakeUpMessage>) => {
    if (event.data?.type !== 'wake' || event.data.channel !== channel) return
    resume()
    broadcast.postMessage({ type: 'woken', channel } satisfies WakeUpMessage)
  }
  return () => broadcast.close()
}

/** Asks the tab holding `channel` to resume; resolves whether one answered within `timeoutMs`. */
export function requestWakeUp(channel: string, timeoutMs = 1_000): Promise<boolean> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(false)
  const broadcast = new BroadcastChannel(channelName)
  return new Promise<boolean>((resolve) => {
    const done = (woken: boolean) => {
      clearTimeout(timer)
      broadcast.close()
      resolve(woken)
    }
    const timer = setTimeout(() => done(false), timeoutMs)
    broadcast.onmessage = (event: MessageEvent<WakeUpMessage>) => {
      if (event.data?.type === 'woken' && event.data.channel === channel) done(true)
    }
    broadcast.postMessage({ type: 'wake', channel } satisfies WakeUpMessage)
  })
}
