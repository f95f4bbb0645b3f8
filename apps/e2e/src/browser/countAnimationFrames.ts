import type { Page } from 'playwright-core'

/** How many animation frames `page` renders in `durationMs` (60 Hz when in front; ~1 Hz when covered). */
export function countAnimationFrames(page: Page, durationMs: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let frames = 0
        const tick = () => {
          frames++
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
        setTimeout(() => resolve(frames), duration)
      }),
    durationMs,
  )
}
