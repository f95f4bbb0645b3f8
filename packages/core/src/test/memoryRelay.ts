import type { RelayTransport, RelayTransportEvent, RelayTransportFactory } from '../relay/relayTransport.js'

// An in-process relay implementing docs/protocol.md section 3 closely enough for unit tests of the
// session engine (membership by token hash, per-role queues with ids and acks, peer events, leave/close).
// The real relay is exercised by apps/relay/test.

type Channel = {
  dappTokenHash: string
  walletTokenHash: string
  /** Set once paired (`rekey`, or `create` with it): the wallet then joins with the session token only. */
  walletSessionTokenHash: string | undefined
  members: Partial<Record<'dapp' | 'wallet', MemoryClient>>
  queues: Record<'dapp' | 'wallet', { id: number; frame: Uint8Array }[]>
  nextId: Record<'dapp' | 'wallet', number>
}

type MemoryClient = {
  connected: boolean
  wanted: boolean
  membership: { channel: string; role: 'dapp' | 'wallet' } | undefined
  listeners: Set<(event: RelayTransportEvent) => void>
  emit(event: RelayTransportEvent): void
}

export type MemoryRelay = ReturnType<typeof createMemoryRelay>

async function hash(token: string): Promise<string> {
  const bytes = Uint8Array.from(
    atob(
      token
        .replaceAll('-', '+')
        .replaceAll('_', '/')
        .padEnd(Math.ceil(token.length / 4) * 4, '='),
    ),
    (c) => c.charCodeAt(0),
  )
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return btoa(String.fromCharCode(...digest))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

/** Creates an in-memory relay; `transport` is a `RelayTransportFactory` for sessions. */
export function createMemoryRelay() {
  const channels = new Map<string, Channel>()
  const clients = new Set<MemoryClient>()
  let online = true
  const later = (fn: () => void) => setTimeout(fn, 1)

  const peerOf = (role: 'dapp' | 'wallet') => (role === 'dapp' ? 'wallet' : 'dapp')

  function deliverQueue(channel: string, record: Channel, role: 'dapp' | 'wallet') {
    const client = record.members[role]
    if (!client) return
    for (const entry of record.queues[role])
      client.emit({ type: 'frame', payload: { channel, id: entry.id, frame: entry.frame } })
  }

  function removeMember(client: MemoryClient, close: boolean) {
    const membership = client.membership
    if (!membership) return
    client.membership = undefined
    const record = channels.get(membership.channel)
    if (!record || record.members[membership.role] !== client) return
    delete record.members[membership.role]
    const peer = record.members[peerOf(membership.role)]
    if (close) {
      channels.delete(membership.channel)
      if (peer) {
        peer.membership = undefined
        peer.emit({ type: 'closed', payload: { channel: membership.channel, reason: 'closed' } })
      }
    } else
      peer?.emit({
        type: 'peer',
        payload: { channel: membership.channel, role: membership.role, present: false },
      })
  }

  async function handle(
    client: MemoryClient,
    event: string,
    payload: Record<string, unknown>,
  ): Promise<unknown> {
    const channel = String(payload['channel'])
    const sessionHash = payload['walletSessionTokenHash'] as string | undefined
    if (event === 'create') {
      const existing = channels.get(channel)
      if (existing) {
        if (
          existing.dappTokenHash === payload['dappTokenHash'] &&
          existing.walletTokenHash === payload['walletTokenHash'] &&
          (sessionHash === undefined || (existing.walletSessionTokenHash ?? sessionHash) === sessionHash)
        ) {
          existing.walletSessionTokenHash ??= sessionHash
          return { ok: true }
        }
        return { ok: false, error: { code: 'channel_exists', message: 'exists' } }
      }
      channels.set(channel, {
        dappTokenHash: String(payload['dappTokenHash']),
        walletTokenHash: String(payload['walletTokenHash']),
        walletSessionTokenHash: sessionHash,
        members: {},
        queues: { dapp: [], wallet: [] },
        nextId: { dapp: 1, wallet: 1 },
      })
      return { ok: true }
    }
    const record = channels.get(channel)
    if (!record) return { ok: false, error: { code: 'unknown_channel', message: 'unknown' } }
    if (event === 'join') {
      const role = payload['role'] as 'dapp' | 'wallet'
      const expected =
        role === 'dapp' ? record.dappTokenHash : (record.walletSessionTokenHash ?? record.walletTokenHash)
      const presented = await hash(String(payload['token']))
      if (presented !== expected) {
        const used =
          role === 'wallet' && record.walletSessionTokenHash && presented === record.walletTokenHash
        return { ok: false, error: { code: used ? 'pairing_used' : 'unauthorized', message: 'bad token' } }
      }
      const old = record.members[role]
      if (old && old !== client) {
        old.membership = undefined
        old.emit({ type: 'closed', payload: { channel, reason: 'replaced' } })
      }
      record.members[role] = client
      client.membership = { channel, role }
      const peer = record.members[peerOf(role)]
      peer?.emit({ type: 'peer', payload: { channel, role, present: true } })
      later(() => deliverQueue(channel, record, role))
      return { ok: true, peer: peer !== undefined }
    }
    const membership = client.membership
    if (!membership || membership.channel !== channel)
      return { ok: false, error: { code: 'not_member', message: 'no' } }
    if (event === 'send') {
      const to = peerOf(membership.role)
      const frame = payload['frame'] as Uint8Array
      if (!(frame instanceof Uint8Array) || frame.length > 64 * 1024)
        return { ok: false, error: { code: 'frame_too_large', message: 'too large' } }
      const id = record.nextId[to]++
      record.queues[to].push({ id, frame: frame.slice() })
      record.members[to]?.emit({ type: 'frame', payload: { channel, id, frame: frame.slice() } })
      return { ok: true, id }
    }
    if (event === 'rekey') {
      if (membership.role !== 'dapp') return { ok: false, error: { code: 'not_member', message: 'no' } }
      if ((record.walletSessionTokenHash ?? sessionHash) !== sessionHash)
        return { ok: false, error: { code: 'unauthorized', message: 'paired already' } }
      record.walletSessionTokenHash = sessionHash
      return { ok: true }
    }
    if (event === 'ack') {
      const id = Number(payload['id'])
      record.queues[membership.role] = record.queues[membership.role].filter((entry) => entry.id > id)
      return { ok: true }
    }
    if (event === 'leave') {
      removeMember(client, payload['close'] === true)
      return { ok: true }
    }
    return { ok: false, error: { code: 'bad_request', message: 'unknown event' } }
  }

  function connectClient(client: MemoryClient) {
    if (!online || client.connected || !client.wanted) return
    client.connected = true
    client.emit({ type: 'connect' })
  }

  function dropClient(client: MemoryClient, reason: string) {
    if (!client.connected) return
    client.connected = false
    removeMember(client, false)
    for (const listener of [...client.listeners]) listener({ type: 'disconnect', reason })
  }

  const transport: RelayTransportFactory = () => {
    const client: MemoryClient = {
      connected: false,
      wanted: false,
      membership: undefined,
      listeners: new Set(),
      emit(event) {
        if (!client.connected) return
        later(() => {
          if (client.connected) for (const listener of [...client.listeners]) listener(event)
        })
      },
    }
    clients.add(client)
    const result: RelayTransport = {
      get connected() {
        return client.connected && client.wanted
      },
      open() {
        client.wanted = true
        later(() => connectClient(client))
      },
      close() {
        client.wanted = false
        // Like socket.io, events emitted before the disconnect still reach the relay first.
        later(() => dropClient(client, 'io client disconnect'))
      },
      call(event, payload) {
        if (!client.connected || !client.wanted) return Promise.reject(new Error('offline'))
        return new Promise((resolve) => later(() => void handle(client, event, payload).then(resolve)))
      },
      subscribe(listener) {
        client.listeners.add(listener)
        return () => client.listeners.delete(listener)
      },
    }
    return result
  }

  return {
    transport,
    channels,
    /** Drops every connection and forgets every channel (a relay restart without Redis); back after `downMs`. */
    restart(downMs: number) {
      online = false
      for (const client of clients) dropClient(client, 'transport close')
      channels.clear()
      setTimeout(() => {
        online = true
        for (const client of clients) connectClient(client)
      }, downMs)
    },
    /** The queued frames for a role of a channel. */
    queue(channel: string, role: 'dapp' | 'wallet') {
      return channels.get(channel)?.queues[role] ?? []
    },
    get memberCount() {
      let count = 0
      for (const client of clients) if (client.membership) count++
      return count
    },
  }
}

/**
 * A transport factory over `relay` whose calls and events a test can watch or change: `call` gets each
 * client → relay call with the inner `forward`; `deliver` gets each relay → client event with the `listener`; `subscribed` gets each new listener.
 */
export function interceptedTransport(
  relay: MemoryRelay,
  intercept: {
    call?: (
      event: Parameters<RelayTransport['call']>[0],
      payload: Record<string, unknown>,
      forward: (payload: Record<string, unknown>) => Promise<unknown>,
    ) => Promise<unknown>
    deliver?: (event: RelayTransportEvent, listener: (event: RelayTransportEvent) => void) => void
    subscribed?: (listener: (event: RelayTransportEvent) => void) => void
  },
): RelayTransportFactory {
  return (url, socketOptions) => {
    const inner = relay.transport(url, socketOptions)
    return {
      get connected() {
        return inner.connected
      },
      open: () => inner.open(),
      close: () => inner.close(),
      call(event, payload, timeoutMs) {
        const forward = (sent: Record<string, unknown>) => inner.call(event, sent, timeoutMs)
        return intercept.call ? intercept.call(event, payload, forward) : forward(payload)
      },
      subscribe(listener) {
        intercept.subscribed?.(listener)
        return inner.subscribe((event) =>
          intercept.deliver ? intercept.deliver(event, listener) : listener(event),
        )
      },
    }
  }
}
