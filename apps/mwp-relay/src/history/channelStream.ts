import type { StreamPosition } from '../protocol/command.js'

/** One publication kept in a channel's history. */
export type StoredPublication = {
  /** Position in the stream: 1 for the first publication of an epoch, then +1 each. */
  offset: number
  /** The JSON value the publisher sent, relayed as it came. */
  data: unknown
  /** When it was published (ms), to expire it after the history TTL. */
  publishedAt: number
}

/**
 * A channel's stream: its epoch (which changes when the stream is lost, so that a client holding
 * an old position learns it cannot recover), the offset of the last publication, and the bounded
 * history of the latest publications.
 */
export type ChannelStream = {
  epoch: string
  topOffset: number
  publications: readonly StoredPublication[]
}

/** How much history a stream keeps: MetaMask's relay keeps 5–20 publications for 300 s. */
export type HistoryBounds = { historySize: number; historyTtlMs: number }

/** A new, empty stream. */
export function createChannelStream(epoch: string): ChannelStream {
  return { epoch, topOffset: 0, publications: [] }
}

/** Drops the publications older than the TTL. */
export function pruneChannelStream(stream: ChannelStream, now: number, bounds: HistoryBounds): ChannelStream {
  const oldestKept = now - bounds.historyTtlMs
  const first = stream.publications.findIndex((publication) => publication.publishedAt > oldestKept)
  if (first === 0) return stream
  return { ...stream, publications: first === -1 ? [] : stream.publications.slice(first) }
}

/** Appends a publication, keeping at most `historySize` of them. */
export function appendPublication(
  stream: ChannelStream,
  data: unknown,
  now: number,
  bounds: HistoryBounds,
): { stream: ChannelStream; publication: StoredPublication } {
  const publication: StoredPublication = { offset: stream.topOffset + 1, data, publishedAt: now }
  const kept = pruneChannelStream(stream, now, bounds).publications
  const publications = [...kept, publication].slice(-bounds.historySize)
  return { stream: { epoch: stream.epoch, topOffset: publication.offset, publications }, publication }
}

/**
 * What a client that last saw `since` missed. `recovered` is true only when nothing was lost: the
 * same epoch, a position not ahead of the stream, and every later publication still kept.
 */
export function recoverSince(
  stream: ChannelStream,
  since: StreamPosition,
): { recovered: boolean; publications: StoredPublication[] } {
  if (since.epoch !== stream.epoch || since.offset > stream.topOffset) {
    return { recovered: false, publications: [] }
  }
  const publications = stream.publications.filter((publication) => publication.offset > since.offset)
  const firstKept = stream.publications[0]?.offset ?? stream.topOffset + 1
  const nothingLost = since.offset === stream.topOffset || firstKept <= since.offset + 1
  return { recovered: nothingLost, publications }
}

/**
 * A history read, as Centrifugo answers it: `limit` 0 gives the position only, -1 everything kept;
 * `since` reads after a position (null when that position is of another epoch); `reverse` gives
 * the newest first.
 */
export function readHistory(
  stream: ChannelStream,
  request: { limit: number; since: StreamPosition | undefined; reverse: boolean },
): StoredPublication[] | null {
  if (request.since && request.since.epoch !== stream.epoch) return null
  const since = request.since?.offset ?? 0
  const after = stream.publications.filter((publication) => publication.offset > since)
  const ordered = request.reverse ? after.reverse() : after
  return request.limit < 0 ? ordered : ordered.slice(0, request.limit)
}
