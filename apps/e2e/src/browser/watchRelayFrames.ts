import type { Page } from 'playwright-core'

// docs/protocol.md section 4: byte 1 is the frame type (16 = DATA), bytes 20..24 the seq (u32 big-endian).
const headerLength = 28
const dataType = 16

/**
 * Counts the DATA frames a page hands to the relay, by seq, from the page's own WebSocket traffic (the
 * binary attachments of socket.io `send` events). A seq counted twice was re-sent: the session engine's
 * retransmission after a missing acknowledgement, or a re-send after a reconnect.
 */
export function watchRelayFrames(page: Page) {
  const sent = new Map<number, number>()
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' || payload.length < headerLength || payload[1] !== dataType) return
      const seq = payload.readUInt32BE(20)
      sent.set(seq, (sent.get(seq) ?? 0) + 1)
    })
  })
  return {
    /** The number of distinct DATA frames sent so far. */
    get dataFrames(): number {
      return sent.size
    },
    /** The seqs sent more than once, with their counts. */
    resent(): Record<number, number> {
      return Object.fromEntries([...sent].filter(([, count]) => count > 1))
    },
    reset(): void {
      sent.clear()
    },
  }
}
