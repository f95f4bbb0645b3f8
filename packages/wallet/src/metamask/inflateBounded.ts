import { OversizedMwpLinkError } from './errors.js'

/**
 * Inflates zlib-deflated bytes (RFC 1950, what `pako.deflate` and `CompressionStream('deflate')`
 * write), stopping as soon as the output passes `maxBytes`: a small link cannot expand into a
 * large allocation. Rejects with the stream's error for data that is not zlib.
 */
export async function inflateBounded(compressed: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel()
      throw new OversizedMwpLinkError('inflated connection request', total, maxBytes)
    }
    chunks.push(value)
  }
  const output = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    output.set(chunk, offset)
    offset += chunk.length
  }
  return output
}
