import { UnexpectedFrameError } from '../../errors/relay.js'
import type { Frame } from '../frame.js'

/** At most this many DATA frames are held while the handshake finishes. */
export const maxEarlyFrames = 64

/**
 * DATA frames that overtook the handshake (a lost DNE, re-sent later): held, bounded, until the secure
 * channel exists, then handed over in arrival order.
 */
export class EarlyFrames {
  private frames: Frame[] = []

  get size(): number {
    return this.frames.length
  }

  /** Holds `frame`; throws `UnexpectedFrameError` (the frame is dropped) past `maxEarlyFrames`. */
  hold(frame: Frame): void {
    if (this.frames.length >= maxEarlyFrames)
      throw new UnexpectedFrameError('Too many DATA frames arrived before the handshake was done; dropped.')
    this.frames.push(frame)
  }

  /** Every held frame, oldest first; the buffer is empty afterwards. */
  takeAll(): Frame[] {
    return this.frames.splice(0)
  }
}
