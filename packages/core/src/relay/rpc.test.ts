import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UnknownMessageError } from '../errors/relay.js'
import { utf8 } from './bytes.js'
import { encodeSessionMessage, parseSessionMessage } from './rpc.js'

describe('parseSessionMessage', () => {
  it('parses requests, results, errors and control messages', () => {
    const request = { jsonrpc: '2.0', id: 1, method: 'connect', params: { appName: 'x' } } as const
    expect(parseSessionMessage(encodeSessionMessage(request))).toEqual({ kind: 'request', request })
    expect(parseSessionMessage(utf8('{"jsonrpc":"2.0","id":1,"result":null}'))).toEqual({
      kind: 'response',
      response: { jsonrpc: '2.0', id: 1, result: null },
    })
    expect(
      parseSessionMessage(utf8('{"jsonrpc":"2.0","id":"a","error":{"code":4001,"message":"no"}}')),
    ).toMatchObject({
      response: { error: { code: 4001, message: 'no' } },
    })
    expect(parseSessionMessage(utf8('{"type":"pause"}'))).toEqual({
      kind: 'control',
      control: { type: 'pause' },
    })
    expect(parseSessionMessage(utf8('{"type":"terminate","reason":"bye"}'))).toEqual({
      kind: 'control',
      control: { type: 'terminate', reason: 'bye' },
    })
  })

  it('carries a request deadline and the cancel control message', () => {
    const request = {
      jsonrpc: '2.0',
      id: 7,
      method: 'signMessage',
      params: {},
      deadline: 1_700_000_300_000,
    } as const
    const bytes = encodeSessionMessage(request)
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ deadline: 1_700_000_300_000 })
    expect(parseSessionMessage(bytes)).toEqual({ kind: 'request', request })
    expect(parseSessionMessage(encodeSessionMessage({ type: 'cancel', id: 7 }))).toEqual({
      kind: 'control',
      control: { type: 'cancel', id: 7 },
    })
    expect(parseSessionMessage(utf8('{"type":"cancel","id":"a"}'))).toMatchObject({
      control: { type: 'cancel', id: 'a' },
    })
  })

  it.each([
    ['absent', '{"jsonrpc":"2.0","id":1,"method":"x"}'],
    ['a string', '{"jsonrpc":"2.0","id":1,"method":"x","deadline":"1700000000000"}'],
    ['null', '{"jsonrpc":"2.0","id":1,"method":"x","deadline":null}'],
    ['infinite (1e400)', '{"jsonrpc":"2.0","id":1,"method":"x","deadline":1e400}'],
  ])('leaves out a deadline that is %s, so the wallet refuses the request as having none', (_, json) => {
    const message = parseSessionMessage(utf8(json))
    expect(message.kind).toBe('request')
    expect(message.kind === 'request' && 'deadline' in message.request).toBe(false)
  })

  it.each([
    ['invalid UTF-8', new Uint8Array([0xff, 0xfe])],
    ['not JSON', utf8('hello')],
    ['an array', utf8('[1]')],
    ['JSON-RPC 1.0', utf8('{"id":1,"method":"x"}')],
    ['an unknown control type', utf8('{"type":"reboot"}')],
    ['an error without a code', utf8('{"jsonrpc":"2.0","id":1,"error":{"message":"x"}}')],
    ['an object id', utf8('{"jsonrpc":"2.0","id":{},"result":1}')],
    ['a cancel without an id', utf8('{"type":"cancel"}')],
    ['a cancel with an object id', utf8('{"type":"cancel","id":{"x":1}}')],
  ])('rejects %s with UnknownMessageError', (_, bytes) => {
    expect(() => parseSessionMessage(bytes)).toThrow(UnknownMessageError)
  })

  it('property: any bytes or JSON give a message or UnknownMessageError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), fc.json().map(utf8)), (bytes) => {
        try {
          expect(['request', 'response', 'control']).toContain(parseSessionMessage(bytes).kind)
        } catch (error) {
          expect(error).toBeInstanceOf(UnknownMessageError)
        }
      }),
      { numRuns: 1_000 },
    )
  })
})
