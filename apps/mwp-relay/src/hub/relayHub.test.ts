import { describe, expect, it } from 'vitest'
import { RelayHub, type RelayHubLimits } from './relayHub.js'

const limits: RelayHubLimits = {
  maxChannelLength: 64,
  maxPublicationBytes: 256,
  maxCommandsPerFrame: 10,
  historySize: 5,
  historyTtlMs: 1_000,
  maxConnections: 2,
  maxChannels: 2,
  maxSubscriptionsPerConnection: 2,
  pingIntervalSeconds: 25,
}

function newHub() {
  let now = 0
  let epochs = 0
  const hub = new RelayHub(limits, {
    now: () => now,
    newClientId: () => 'client',
    newEpoch: () => `epoch-${++epochs}`,
  })
  const connect = () => {
    const id = hub.openConnection()
    if (id === null) throw new Error('full')
    hub.handleFrame(id, JSON.stringify({ id: 1, connect: {} }))
    return id
  }
  const send = (connectionId: number, command: object) =>
    hub
      .handleFrame(connectionId, JSON.stringify(command))
      .map((effect) => ('message' in effect ? effect.message : effect))
  return { hub, connect, send, advance: (ms: number) => (now += ms) }
}

describe('RelayHub', () => {
  it('refuses connections over maxConnections', () => {
    const { hub, connect } = newHub()
    connect()
    connect()
    expect(hub.openConnection()).toBeNull()
  })

  it('refuses subscriptions over maxSubscriptionsPerConnection and channels over maxChannels', () => {
    const { connect, send } = newHub()
    const a = connect()
    expect(send(a, { id: 2, subscribe: { channel: 'c1' } })).toMatchObject([{ id: 2, subscribe: {} }])
    expect(send(a, { id: 3, subscribe: { channel: 'c2' } })).toMatchObject([{ id: 3, subscribe: {} }])
    expect(send(a, { id: 4, subscribe: { channel: 'c3' } })).toEqual([
      { id: 4, error: { code: 106, message: 'limit exceeded' } },
    ])
    const b = connect()
    expect(send(b, { id: 2, publish: { channel: 'c3', data: 1 } })).toEqual([
      { id: 2, error: { code: 106, message: 'limit exceeded' } },
    ])
  })

  it('frees a channel whose history expired and that nobody subscribes to, with a new epoch after', () => {
    const { hub, connect, send, advance } = newHub()
    const a = connect()
    send(a, { id: 2, publish: { channel: 'c1', data: 'x' } })
    expect(hub.stats().channels).toBe(1)
    advance(2_000)
    hub.sweep()
    expect(hub.stats().channels).toBe(0)
    const [reply] = send(a, {
      id: 3,
      subscribe: { channel: 'c1', recover: true, offset: 1, epoch: 'epoch-1' },
    })
    expect(reply).toMatchObject({
      id: 3,
      subscribe: { epoch: 'epoch-2', recovered: false, was_recovering: true },
    })
  })

  it('rejects an unrecoverable position when the client asks for it (flag 2)', () => {
    const { connect, send } = newHub()
    const a = connect()
    const reply = send(a, {
      id: 2,
      subscribe: { channel: 'c1', recover: true, offset: 3, epoch: 'gone', flag: 3 },
    })
    expect(reply).toEqual([{ id: 2, error: { code: 112, message: 'unrecoverable position' } }])
  })

  it('forgets a closed connection: publications no longer go to it', () => {
    const { hub, connect, send } = newHub()
    const a = connect()
    const b = connect()
    send(a, { id: 2, subscribe: { channel: 'c1' } })
    send(b, { id: 2, subscribe: { channel: 'c1' } })
    hub.closeConnection(a)
    const effects = hub.handleFrame(b, JSON.stringify({ id: 3, publish: { channel: 'c1', data: 'x' } }))
    expect(effects.map((effect) => effect.connectionId)).toEqual([b, b])
  })

  it('closes a connection that sends too many commands in one frame', () => {
    const { hub, connect } = newHub()
    const a = connect()
    const frame = Array.from({ length: 11 }, (_, index) =>
      JSON.stringify({ id: index + 2, history: { channel: 'c' } }),
    )
    expect(hub.handleFrame(a, frame.join('\n'))).toEqual([
      { kind: 'close', connectionId: a, code: 3501, reason: 'bad request' },
    ])
  })
})
