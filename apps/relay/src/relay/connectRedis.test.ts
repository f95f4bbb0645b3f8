import { describe, expect, it } from 'vitest'
import { RelayError } from '../errors/RelayError.js'
import { freePort, startRedisServer } from '../testing/redisServer.js'
import { connectRedis, redactUrl } from './connectRedis.js'

describe('connectRedis', () => {
  it('connects both connections to a real Redis', async () => {
    const redis = await startRedisServer()
    try {
      const { commands, subscriber } = await connectRedis(redis.url)
      expect(await commands.ping()).toBe('PONG')
      expect(subscriber.status).toBe('ready')
      commands.disconnect()
      subscriber.disconnect()
    } finally {
      await redis.stop()
    }
  })

  it('fails with a RelayError that names the URL without its password', async () => {
    const port = await freePort()
    const failure = await connectRedis(`redis://user:s3cret@127.0.0.1:${port}`).catch((error) => error)
    expect(failure).toBeInstanceOf(RelayError)
    expect(failure.shortMessage).toBe('Cannot connect to Redis.')
    expect(failure.details).toContain(`redis://user:***@127.0.0.1:${port}`)
    expect(failure.details).not.toContain('s3cret')
  })
})

describe('redactUrl', () => {
  it('hides the password only, and survives an unparsable URL', () => {
    expect(redactUrl('redis://:pw@redis.internal:6380/2')).toBe('redis://:***@redis.internal:6380/2')
    expect(redactUrl('redis://redis.internal:6380')).toBe('redis://redis.internal:6380')
    expect(redactUrl('not a url')).toBe('(unparsable URL)')
  })
})
