import {
  appendPublication,
  type ChannelStream,
  createChannelStream,
  type HistoryBounds,
  pruneChannelStream,
  readHistory,
  recoverSince,
  type StoredPublication,
} from '../history/channelStream.js'
import { disconnectCodes, type ReplyErrorName, replyErrorCodes } from '../protocol/centrifugoCodes.js'
import type { Command } from '../protocol/command.js'
import { type ParseLimits, parseFrame } from '../protocol/parseFrame.js'

/** The bounds of a hub. Every collection it holds is capped by one of them. */
export type RelayHubLimits = ParseLimits &
  HistoryBounds & {
    maxConnections: number
    maxChannels: number
    maxSubscriptionsPerConnection: number
    /** The ping interval announced to clients, in seconds (the client expects a ping this often). */
    pingIntervalSeconds: number
  }

/** What the hub asks its I/O shell to do. */
export type HubEffect =
  | { kind: 'send'; connectionId: number; message: object }
  | { kind: 'close'; connectionId: number; code: number; reason: string }

/** A connection, from the socket opening to its first `connect` command and after. */
type ConnectionState =
  | { step: 'awaitingConnect' }
  | { step: 'connected'; clientId: string; subscriptions: Set<string> }

type ChannelState = { stream: ChannelStream; subscribers: Set<number> }

/** Injected sources: a clock and the random ids, so that tests are deterministic. */
export type RelayHubSources = {
  now: () => number
  newClientId: () => string
  newEpoch: () => string
}

/**
 * The relay's state and its answers to commands, without sockets: the I/O shell feeds it frames
 * and carries out the effects it returns. Keeps Centrifugo's semantics for what the `centrifuge`
 * client and MetaMask's transport use (connect, subscribe with recovery, publish, history,
 * unsubscribe, pong).
 */
export class RelayHub {
  private readonly connections = new Map<number, ConnectionState>()
  private readonly channels = new Map<string, ChannelState>()
  private nextConnectionId = 1

  constructor(
    private readonly limits: RelayHubLimits,
    private readonly sources: RelayHubSources,
  ) {}

  /** Registers a new socket; `null` when the relay is full (the shell closes it). */
  openConnection(): number | null {
    if (this.connections.size >= this.limits.maxConnections) return null
    const connectionId = this.nextConnectionId++
    this.connections.set(connectionId, { step: 'awaitingConnect' })
    return connectionId
  }

  /** Forgets a socket that closed, and its subscriptions. */
  closeConnection(connectionId: number): void {
    const connection = this.connections.get(connectionId)
    this.connections.delete(connectionId)
    if (connection?.step !== 'connected') return
    for (const channel of connection.subscriptions) this.removeSubscriber(channel, connectionId)
  }

  /** Whether the socket sent its `connect` command (the shell closes it otherwise after a delay). */
  isConnected(connectionId: number): boolean {
    return this.connections.get(connectionId)?.step === 'connected'
  }

  /** Counts, for tests and logs. */
  stats(): { connections: number; channels: number } {
    return { connections: this.connections.size, channels: this.channels.size }
  }

  /** Drops expired history, and the channels left with neither history nor subscribers. */
  sweep(): void {
    const now = this.sources.now()
    for (const [name, channel] of this.channels) {
      channel.stream = pruneChannelStream(channel.stream, now, this.limits)
      if (channel.subscribers.size === 0 && channel.stream.publications.length === 0)
        this.channels.delete(name)
    }
  }

  /** Handles one text frame of a connection and returns what to send and whom to close. */
  handleFrame(connectionId: number, frame: string): HubEffect[] {
    const effects: HubEffect[] = []
    for (const line of parseFrame(frame, this.limits)) {
      if (!this.connections.has(connectionId)) break
      if (line.kind === 'fatal') {
        effects.push(this.close(connectionId, disconnectCodes.badRequest))
        break
      }
      if (line.kind === 'invalid') {
        effects.push(this.errorReply(connectionId, line.id, line.error))
        continue
      }
      const produced = this.handleCommand(connectionId, line.command)
      effects.push(...produced)
      if (produced.some((effect) => effect.kind === 'close')) break
    }
    return effects
  }

  private handleCommand(connectionId: number, command: Command): HubEffect[] {
    const connection = this.connections.get(connectionId)
    if (!connection) return []
    if (command.method === 'pong' || command.method === 'send') return []
    if (connection.step === 'awaitingConnect') {
      if (command.method !== 'connect') return [this.close(connectionId, disconnectCodes.badRequest)]
      const clientId = this.sources.newClientId()
      this.connections.set(connectionId, { step: 'connected', clientId, subscriptions: new Set() })
      const connect = {
        client: clientId,
        version: 'dapplink-mwp-relay',
        ping: this.limits.pingIntervalSeconds,
        pong: true,
      }
      return [this.reply(connectionId, command.id, 'connect', connect)]
    }
    switch (command.method) {
      case 'connect':
        // A second connect on a connected socket: Centrifugo closes it.
        return [this.close(connectionId, disconnectCodes.badRequest)]
      case 'subscribe':
        return this.subscribe(connectionId, connection.subscriptions, command)
      case 'unsubscribe':
        connection.subscriptions.delete(command.channel)
        this.removeSubscriber(command.channel, connectionId)
        return [this.reply(connectionId, command.id, 'unsubscribe', {})]
      case 'publish':
        return this.publish(connectionId, command)
      case 'history':
        return this.history(connectionId, command)
      case 'unsupported':
        return [this.errorReply(connectionId, command.id, 'notAvailable')]
    }
  }

  private subscribe(
    connectionId: number,
    subscriptions: Set<string>,
    command: Extract<Command, { method: 'subscribe' }>,
  ): HubEffect[] {
    if (subscriptions.has(command.channel))
      return [this.errorReply(connectionId, command.id, 'alreadySubscribed')]
    if (subscriptions.size >= this.limits.maxSubscriptionsPerConnection) {
      return [this.errorReply(connectionId, command.id, 'limitExceeded')]
    }
    const channel = this.channel(command.channel)
    if (!channel) return [this.errorReply(connectionId, command.id, 'limitExceeded')]
    const { stream } = channel
    const recovery = command.since ? recoverSince(stream, command.since) : undefined
    if (recovery && !recovery.recovered && command.rejectUnrecovered) {
      return [this.errorReply(connectionId, command.id, 'unrecoverablePosition')]
    }
    subscriptions.add(command.channel)
    channel.subscribers.add(connectionId)
    const result: Record<string, unknown> = {
      recoverable: true,
      positioned: true,
      epoch: stream.epoch,
      offset: stream.topOffset,
    }
    if (recovery) {
      result['was_recovering'] = true
      result['recovered'] = recovery.recovered
      // Centrifugo answers a recovery with the position recovered from; each publication moves it.
      result['offset'] = recovery.recovered ? command.since?.offset : stream.topOffset
      result['publications'] = recovery.publications.map(toWirePublication)
    }
    return [this.reply(connectionId, command.id, 'subscribe', result)]
  }

  private publish(connectionId: number, command: Extract<Command, { method: 'publish' }>): HubEffect[] {
    const channel = this.channel(command.channel)
    if (!channel) return [this.errorReply(connectionId, command.id, 'limitExceeded')]
    const appended = appendPublication(channel.stream, command.data, this.sources.now(), this.limits)
    channel.stream = appended.stream
    const push = { push: { channel: command.channel, pub: toWirePublication(appended.publication) } }
    // As Centrifugo: every subscriber gets it, the publisher too if subscribed (MetaMask's
    // transport drops its own messages by client id).
    const effects: HubEffect[] = [this.reply(connectionId, command.id, 'publish', {})]
    for (const subscriber of channel.subscribers)
      effects.push({ kind: 'send', connectionId: subscriber, message: push })
    return effects
  }

  private history(connectionId: number, command: Extract<Command, { method: 'history' }>): HubEffect[] {
    const channel = this.channel(command.channel)
    if (!channel) return [this.errorReply(connectionId, command.id, 'limitExceeded')]
    channel.stream = pruneChannelStream(channel.stream, this.sources.now(), this.limits)
    const publications = readHistory(channel.stream, command)
    if (publications === null) return [this.errorReply(connectionId, command.id, 'unrecoverablePosition')]
    return [
      this.reply(connectionId, command.id, 'history', {
        publications: publications.map(toWirePublication),
        epoch: channel.stream.epoch,
        offset: channel.stream.topOffset,
      }),
    ]
  }

  /** The channel's state, created on first use; null when the relay holds its maximum of channels. */
  private channel(name: string): ChannelState | null {
    const existing = this.channels.get(name)
    if (existing) {
      existing.stream = pruneChannelStream(existing.stream, this.sources.now(), this.limits)
      return existing
    }
    if (this.channels.size >= this.limits.maxChannels) {
      this.sweep()
      if (this.channels.size >= this.limits.maxChannels) return null
    }
    const created: ChannelState = {
      stream: createChannelStream(this.sources.newEpoch()),
      subscribers: new Set(),
    }
    this.channels.set(name, created)
    return created
  }

  private removeSubscriber(name: string, connectionId: number): void {
    this.channels.get(name)?.subscribers.delete(connectionId)
  }

  private reply(connectionId: number, id: number, method: string, result: object): HubEffect {
    return { kind: 'send', connectionId, message: { id, [method]: result } }
  }

  private errorReply(connectionId: number, id: number, error: ReplyErrorName): HubEffect {
    return { kind: 'send', connectionId, message: { id, error: replyErrorCodes[error] } }
  }

  private close(connectionId: number, disconnect: { code: number; reason: string }): HubEffect {
    return { kind: 'close', connectionId, ...disconnect }
  }
}

function toWirePublication(publication: StoredPublication): { data: unknown; offset: number } {
  return { data: publication.data, offset: publication.offset }
}
