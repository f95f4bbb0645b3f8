/**
 * Packs frames for one batched `send` (docs/protocol.md section 3): `u32 big-endian length || frame`,
 * repeated, in one binary (socket.io refuses packets with more than 10 binary attachments).
 */
export function packFrames(frames: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const frame of frames) length += 4 + frame.length
  const packed = new Uint8Array(length)
  const view = new DataView(packed.buffer)
  let offset = 0
  for (const frame of frames) {
    view.setUint32(offset, frame.length)
    packed.set(frame, offset + 4)
    offset += 4 + frame.length
  }
  return packed
}
