import { timingSafeEqual } from 'node:crypto'

/** Whether two stored token hashes are equal, compared in constant time (never with `===` or Lua's `==`). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
