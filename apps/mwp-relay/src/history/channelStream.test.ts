import { describe, expect, it } from 'vitest'
import {
  appendPublication,
  createChannelStream,
  pruneChannelStream,
  readHistory,
  recoverSince,
} from './channelStream.js'

const bounds = { historySize: 3, historyTtlMs: 1_000 }

const streamOf = (count: number, startAt = 0) => {
  let stream = createChannelStream('epoch-a')
  for (let index = 1; index <= count; index++) {
    stream = appendPublication(stream, `p${index}`, startAt + index, bounds).stream
  }
  return stream
}

describe('channelStream', () => {
  it('numbers publications from 1 and keeps at most historySize', () => {
    const stream = streamOf(5)
    expect(stream.topOffset).toBe(5)
    expect(stream.publications.map((publication) => publication.offset)).toEqual([3, 4, 5])
  })

  it('drops publications older than the TTL', () => {
    const stream = streamOf(3, 0)
    expect(pruneChannelStream(stream, 1_002, bounds).publications.map((p) => p.data)).toEqual(['p3'])
    expect(pruneChannelStream(stream, 5_000, bounds).publications).toEqual([])
    expect(pruneChannelStream(stream, 5_000, bounds).topOffset).toBe(3)
  })

  it('recovers what a client missed when every later publication is kept', () => {
    const stream = streamOf(5)
    expect(recoverSince(stream, { offset: 3, epoch: 'epoch-a' })).toMatchObject({
      recovered: true,
      publications: [{ offset: 4 }, { offset: 5 }],
    })
    expect(recoverSince(stream, { offset: 5, epoch: 'epoch-a' })).toEqual({
      recovered: true,
      publications: [],
    })
  })

  it('reports a recovery as failed when publications were lost, the epoch changed, or the position is ahead', () => {
    const stream = streamOf(5)
    const lost = recoverSince(stream, { offset: 1, epoch: 'epoch-a' })
    expect(lost.recovered).toBe(false)
    expect(lost.publications.map((publication) => publication.offset)).toEqual([3, 4, 5])
    expect(recoverSince(stream, { offset: 4, epoch: 'epoch-b' })).toEqual({
      recovered: false,
      publications: [],
    })
    expect(recoverSince(stream, { offset: 9, epoch: 'epoch-a' }).recovered).toBe(false)
  })

  it('reads history by limit, position and direction', () => {
    const stream = streamOf(5)
    const offsets = (request: Parameters<typeof readHistory>[1]) =>
      readHistory(stream, request)?.map((p) => p.offset)
    expect(offsets({ limit: -1, since: undefined, reverse: false })).toEqual([3, 4, 5])
    expect(offsets({ limit: 0, since: undefined, reverse: false })).toEqual([])
    expect(offsets({ limit: 2, since: undefined, reverse: true })).toEqual([5, 4])
    expect(offsets({ limit: 10, since: { offset: 4, epoch: 'epoch-a' }, reverse: false })).toEqual([5])
    expect(
      readHistory(stream, { limit: 10, since: { offset: 4, epoch: 'other' }, reverse: false }),
    ).toBeNull()
  })
})
