import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../startCluster.js'

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster({ port: 0, maxBodyBytes: 64 * 1024 })
})

afterAll(async () => {
  await cluster.close()
})

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(cluster.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
  }
}

describe('the HTTP endpoint', () => {
  it('answers a CORS preflight from another localhost origin', async () => {
    const response = await fetch(cluster.url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,solana-client',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,solana-client')
  })

  it('puts the CORS header on JSON-RPC answers too', async () => {
    const answer = await post('{"jsonrpc":"2.0","id":1,"method":"getHealth"}', {
      Origin: 'http://localhost:5173',
    })
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.json).toEqual({ jsonrpc: '2.0', id: 1, result: 'ok' })
  })

  it('answers GET /health with ok and other GETs with 405', async () => {
    const health = await fetch(`${cluster.url}/health`)
    expect([health.status, await health.text()]).toEqual([200, 'ok'])
    const other = await fetch(`${cluster.url}/`)
    expect(other.status).toBe(405)
    expect(((await other.json()) as { error: { code: number } }).error.code).toBe(-32600)
  })

  it('answers malformed JSON with -32700', async () => {
    const answer = await post('{"jsonrpc":"2.0","id":1,')
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
  })

  it('answers an unknown method with -32601, keeping the id', async () => {
    const answer = await post('{"jsonrpc":"2.0","id":"abc","method":"getEverything"}')
    expect(answer.json).toMatchObject({ id: 'abc', error: { code: -32601, message: 'Method not found' } })
  })

  it.each([
    ['getBalance', [42]],
    ['getBalance', ['not-a-key']],
    ['getBalance', ['11111111111111111111111111111111', 'confirmed']],
    ['requestAirdrop', ['11111111111111111111111111111111', -1]],
    ['requestAirdrop', ['11111111111111111111111111111111', 1.5]],
    ['sendTransaction', [{}]],
    ['sendTransaction', ['!!!', { encoding: 'base64' }]],
    ['sendTransaction', ['AAAA', { encoding: 'base64' }]],
    ['sendTransaction', ['abc', { encoding: 'hex' }]],
    ['sendTransaction', ['A'.repeat(4000), { encoding: 'base64' }]],
    ['getSignatureStatuses', ['sig']],
    ['getTransaction', ['short']],
    ['getAccountInfo', ['11111111111111111111111111111111', { encoding: 'base64+zstd' }]],
    ['getMultipleAccounts', ['11111111111111111111111111111111']],
    ['getFeeForMessage', ['%%%']],
    ['getLatestBlockhash', { commitment: 'confirmed' }],
  ])('answers %s with params %j with -32602', async (method, params) => {
    const answer = await post(JSON.stringify({ jsonrpc: '2.0', id: 9, method, params }))
    expect(answer.status).toBe(200)
    expect(answer.json.id).toBe(9)
    expect(answer.json.error.code).toBe(-32602)
    expect(answer.json.error.message).toMatch(/^Invalid params: /)
  })

  it('answers requests that are not JSON-RPC 2.0 with -32600', async () => {
    expect((await post('{"id":1,"method":"getHealth"}')).json.error.code).toBe(-32600)
    expect((await post('{"jsonrpc":"2.0","id":1,"method":7}')).json.error.code).toBe(-32600)
    expect((await post('{"jsonrpc":"2.0","id":{},"method":"getHealth"}')).json.error.code).toBe(-32600)
    expect((await post('[]')).json.error.code).toBe(-32600)
    expect((await post('"hello"')).json.error.code).toBe(-32600)
  })

  it('answers a batch in order and sends nothing for notifications', async () => {
    const batch = await post(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'getHealth' },
        { jsonrpc: '2.0', method: 'getHealth' },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
      ]),
    )
    expect(batch.json).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'ok' },
      {
        jsonrpc: '2.0',
        id: 2,
        error: { code: -32601, message: 'Method not found', data: { method: 'nope' } },
      },
    ])
    const notification = await post('{"jsonrpc":"2.0","method":"getHealth"}')
    expect([notification.status, notification.text]).toEqual([204, ''])
  })

  it('answers a body over the cap with 413 and a JSON-RPC error, then keeps serving', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'getHealth',
      params: ['x'.repeat(100 * 1024)],
    })
    const answer = await post(big)
    expect(answer.status).toBe(413)
    expect(answer.json.error.code).toBe(-32600)
    expect(answer.json.error.message).toMatch(/over 65536 bytes/)
    expect((await post('{"jsonrpc":"2.0","id":1,"method":"getHealth"}')).json.result).toBe('ok')
  })

  it('stops reading a chunked body once it passes the cap', async () => {
    const url = new URL(cluster.url)
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      outgoing.on('error', reject)
      // No Content-Length: the server only learns the size while reading.
      const chunk = 'x'.repeat(16 * 1024)
      let sent = 0
      const pump = () => {
        while (sent < 10 && outgoing.write(chunk)) sent++
        if (sent < 10) outgoing.once('drain', pump)
        else outgoing.end()
      }
      pump()
    })
    expect(status).toBe(413)
    expect((await post('{"jsonrpc":"2.0","id":1,"method":"getHealth"}')).json.result).toBe('ok')
  })
})
