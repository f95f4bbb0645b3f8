import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseFrame } from './parseFrame.js'

const limits = { maxChannelLength: 32, maxPublicationBytes: 64, maxCommandsPerFrame: 5 }

describe('parseFrame', () => {
  it('parses the commands the centrifuge client sends', () => {
    const frame = [
      JSON.stringify({ id: 1, connect: { name: 'js' } }),
      JSON.stringify({
        id: 2,
        subscribe: { channel: 'session:a', recover: true, offset: 4, epoch: 'e', flag: 1 },
      }),
      JSON.stringify({ id: 3, publish: { channel: 'session:a', data: '{"nonce":1}' } }),
      JSON.stringify({ id: 4, history: { channel: 'session:a', limit: 50 } }),
      '{}',
    ].join('\n')
    expect(parseFrame(frame, limits)).toEqual([
      { kind: 'command', command: { method: 'connect', id: 1 } },
      {
        kind: 'command',
        command: {
          method: 'subscribe',
          id: 2,
          channel: 'session:a',
          since: { offset: 4, epoch: 'e' },
          rejectUnrecovered: false,
        },
      },
      {
        kind: 'command',
        command: { method: 'publish', id: 3, channel: 'session:a', data: '{"nonce":1}', dataBytes: 15 },
      },
      {
        kind: 'command',
        command: {
          method: 'history',
          id: 4,
          channel: 'session:a',
          limit: 50,
          since: undefined,
          reverse: false,
        },
      },
      { kind: 'command', command: { method: 'pong' } },
    ])
  })

  it('explains what is wrong with a command', () => {
    const [oversized] = parseFrame(
      JSON.stringify({ id: 7, publish: { channel: 'c', data: 'x'.repeat(100) } }),
      limits,
    )
    expect(oversized).toEqual({
      kind: 'invalid',
      id: 7,
      error: 'limitExceeded',
      why: 'a publication of 102 bytes; at most 64 are allowed',
    })
    const [longChannel] = parseFrame(
      JSON.stringify({ id: 8, subscribe: { channel: 'c'.repeat(40) } }),
      limits,
    )
    expect(longChannel).toMatchObject({ kind: 'invalid', error: 'unknownChannel' })
    expect(parseFrame('[1,2]', limits)).toEqual([
      { kind: 'fatal', why: 'a command that is not a JSON object' },
    ])
    expect(parseFrame(JSON.stringify({ id: -1, connect: {} }), limits)).toEqual([
      { kind: 'fatal', why: 'a command without a positive integer id' },
    ])
  })

  it('never throws, whatever the frame', () => {
    const command = fc.record(
      {
        id: fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)),
        subscribe: fc.oneof(
          fc.anything(),
          fc.record({ channel: fc.anything(), offset: fc.anything(), recover: fc.boolean() }),
        ),
        publish: fc.oneof(fc.anything(), fc.record({ channel: fc.string(), data: fc.anything() })),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          command.map((value) => JSON.stringify(value) ?? ''),
        ),
        (frame) => {
          const lines = parseFrame(frame, limits)
          for (const line of lines) expect(['command', 'invalid', 'fatal']).toContain(line.kind)
        },
      ),
      { numRuns: 500 },
    )
  })
})
