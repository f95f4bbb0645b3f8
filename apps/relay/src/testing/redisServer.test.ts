import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startRedisServer } from './redisServer.js'

describe('startRedisServer', () => {
  it('fails with an actionable message when the binary is missing', async () => {
    await expect(startRedisServer({ bin: '/nonexistent/redis-server' })).rejects.toThrow(
      'apt-get install -y redis-server',
    )
  })

  it('starts a server that answers, and stops it', async () => {
    const redis = await startRedisServer()
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
    await redis.stop()
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: redis.port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })
})
