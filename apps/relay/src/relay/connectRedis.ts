import { Redis } from 'ioredis'
import { RelayError } from '../errors/RelayError.js'

/** The two Redis connections of a relay node: one for commands, one for the adapter's subscriptions. */
export type RelayRedis = { commands: Redis; subscriber: Redis }

/** Redis connection and commands give up after this long instead of hanging a handler. */
const redisTimeoutMs = 5_000

/**
 * Opens the node's two Redis connections, or throws a `RelayError` naming the URL without its password.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379')
 */
export async function connectRedis(url: string): Promise<RelayRedis> {
  const options = {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: redisTimeoutMs,
    commandTimeout: redisTimeoutMs,
  }
  const commands = new Redis(url, options)
  const subscriber = new Redis(url, { ...options, commandTimeout: undefined })
  // ioredis reconnects by itself; without a listener an `error` event would crash the process.
  commands.on('error', () => {})
  subscriber.on('error', () => {})
  try {
    await Promise.all([commands.connect(), subscriber.connect()])
  } catch (error) {
    commands.disconnect()
    subscriber.disconnect()
    throw new RelayError('Cannot connect to Redis.', {
      details: `Check REDIS_URL (${redactUrl(url)}) and that Redis is running.`,
      cause: error,
    })
  }
  return { commands, subscriber }
}

/**
 * The Redis adapter calls `publish`, `subscribe` and `unsubscribe` without handling their
 * promises: with Redis down each would be an unhandled rejection, which ends a Node process. This
 * view of the client marks every returned promise as handled (callers that await still see the
 * error).
 */
export function withHandledRejections(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const result = value.apply(target, args)
        if (result instanceof Promise) result.catch(() => {})
        return result
      }
    },
  })
}

/** A Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable URL)'
  }
}
