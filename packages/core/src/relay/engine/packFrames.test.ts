import { describe, expect, it } from 'vitest'
import { packFrames } from './packFrames.js'

describe('packFrames', () => {
  it('writes a big-endian u32 length before each frame, in order', () => {
    const packed = packFrames([new Uint8Array([1, 2, 3]), new Uint8Array([9])])
    expect([...packed]).toEqual([0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 1, 9])
  })

  it('packs a frame of 64 KiB (its length needs more than a u16)', () => {
    const frame = new Uint8Array(65_536).fill(7)
    const packed = packFrames([frame])
    expect([...packed.subarray(0, 4)]).toEqual([0, 1, 0, 0])
    expect(packed.subarray(4)).toEqual(frame)
  })
})
