import type { ReplyErrorName } from './centrifugoCodes.js'
import type { Command, ParsedLine, StreamPosition } from './command.js'

/** Bounds the parser enforces on every command. */
export type ParseLimits = {
  /** Longest channel name, in characters. */
  maxChannelLength: number
  /** Largest publication `data`, in UTF-8 bytes of its JSON. */
  maxPublicationBytes: number
  /** Most commands in one frame (the client batches them, one per line). */
  maxCommandsPerFrame: number
}

const methodNames = [
  'connect',
  'subscribe',
  'unsubscribe',
  'publish',
  'history',
  'presence',
  'presence_stats',
  'rpc',
  'send',
  'refresh',
  'sub_refresh',
] as const

const maxEpochLength = 64
// Control characters and whitespace make no sense in a channel name and break log lines.
const hasBadChannelCharacter = (channel: string) =>
  /\s/.test(channel) ||
  [...channel].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)

class InvalidCommand extends Error {
  constructor(
    readonly error: ReplyErrorName,
    readonly why: string,
  ) {
    super(why)
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Parses one WebSocket text frame of Centrifugo's JSON protocol (commands separated by newlines)
 * into validated commands. Never throws: every bad line becomes an `invalid` (answered with an
 * error reply) or a `fatal` (the connection is closed) entry.
 */
export function parseFrame(frame: string, limits: ParseLimits): ParsedLine[] {
  const lines = frame.split('\n').filter((line) => line.trim() !== '')
  if (lines.length > limits.maxCommandsPerFrame) {
    return [
      {
        kind: 'fatal',
        why: `a frame of ${lines.length} commands; at most ${limits.maxCommandsPerFrame} are allowed`,
      },
    ]
  }
  return lines.map((line) => parseLine(line, limits))
}

function parseLine(line: string, limits: ParseLimits): ParsedLine {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return { kind: 'fatal', why: 'a line that is not JSON' }
  }
  if (!isRecord(value)) return { kind: 'fatal', why: 'a command that is not a JSON object' }
  const keys = Object.keys(value)
  if (keys.length === 0) return { kind: 'command', command: { method: 'pong' } }
  const present = methodNames.filter((name) => name in value)
  if ('send' in value && present.length === 1 && !('id' in value)) {
    return { kind: 'command', command: { method: 'send' } }
  }
  const id = value['id']
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || id > 0xffff_ffff) {
    return { kind: 'fatal', why: 'a command without a positive integer id' }
  }
  const [method, ...others] = present
  if (method === undefined)
    return { kind: 'invalid', id, error: 'methodNotFound', why: 'a command with no method' }
  if (others.length > 0) {
    return {
      kind: 'invalid',
      id,
      error: 'badRequest',
      why: `a command with several methods (${present.join(', ')})`,
    }
  }
  const request = value[method]
  if (!isRecord(request)) {
    return { kind: 'invalid', id, error: 'badRequest', why: `"${method}" is not an object` }
  }
  try {
    return { kind: 'command', command: toCommand(method, id, request, limits) }
  } catch (error) {
    if (error instanceof InvalidCommand) return { kind: 'invalid', id, error: error.error, why: error.why }
    throw error
  }
}

function toCommand(
  method: (typeof methodNames)[number],
  id: number,
  request: Record<string, unknown>,
  limits: ParseLimits,
): Command {
  switch (method) {
    case 'connect':
      return { method: 'connect', id }
    case 'subscribe': {
      const channel = readChannel(request, limits)
      const flag = optionalInteger(request, 'flag') ?? 0
      const since =
        request['recover'] === true
          ? {
              offset: optionalInteger(request, 'offset') ?? 0,
              epoch: optionalEpoch(request['epoch']) ?? '',
            }
          : undefined
      return { method: 'subscribe', id, channel, since, rejectUnrecovered: (flag & 2) !== 0 }
    }
    case 'unsubscribe':
      return { method: 'unsubscribe', id, channel: readChannel(request, limits) }
    case 'publish': {
      const channel = readChannel(request, limits)
      if (!('data' in request)) throw new InvalidCommand('badRequest', 'a publication without data')
      if (request['type'] !== undefined && request['type'] !== 0) {
        throw new InvalidCommand('notAvailable', 'map publications are not served by this relay')
      }
      const data = request['data']
      const dataBytes = Buffer.byteLength(JSON.stringify(data), 'utf8')
      if (dataBytes > limits.maxPublicationBytes) {
        throw new InvalidCommand(
          'limitExceeded',
          `a publication of ${dataBytes} bytes; at most ${limits.maxPublicationBytes} are allowed`,
        )
      }
      return { method: 'publish', id, channel, data, dataBytes }
    }
    case 'history': {
      const channel = readChannel(request, limits)
      const limit = optionalInteger(request, 'limit', -1) ?? 0
      const since = readSince(request['since'])
      return { method: 'history', id, channel, limit, since, reverse: request['reverse'] === true }
    }
    case 'send':
      return { method: 'send' }
    default:
      return { method: 'unsupported', id, name: method }
  }
}

function readChannel(request: Record<string, unknown>, limits: ParseLimits): string {
  const channel = request['channel']
  if (typeof channel !== 'string' || channel === '') {
    throw new InvalidCommand('unknownChannel', 'a command without a channel name')
  }
  if (channel.length > limits.maxChannelLength) {
    throw new InvalidCommand(
      'unknownChannel',
      `a channel name of ${channel.length} characters; at most ${limits.maxChannelLength} are allowed`,
    )
  }
  if (hasBadChannelCharacter(channel)) {
    throw new InvalidCommand('unknownChannel', 'a channel name with whitespace or control characters')
  }
  return channel
}

function optionalInteger(request: Record<string, unknown>, key: string, minimum = 0): number | undefined {
  const value = request[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw new InvalidCommand('badRequest', `"${key}" must be an integer of at least ${minimum}`)
  }
  return value
}

function optionalEpoch(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length > maxEpochLength) {
    throw new InvalidCommand('badRequest', `"epoch" must be a string of at most ${maxEpochLength} characters`)
  }
  return value
}

function readSince(value: unknown): StreamPosition | undefined {
  if (value === undefined) return undefined
  if (!isRecord(value)) throw new InvalidCommand('badRequest', '"since" must be an object')
  return { offset: optionalInteger(value, 'offset') ?? 0, epoch: optionalEpoch(value['epoch']) ?? '' }
}
