import { describe, expect, it } from 'vitest'
import { readMwpQuietAfterMs } from './readMwpQuietAfterMs.js'

describe('readMwpQuietAfterMs', () => {
  it('reads a whole number of milliseconds', () => {
    expect(readMwpQuietAfterMs('?mwpQuietAfterMs=1500')).toBe(1500)
  })

  it.each([
    '',
    '?mwpQuietAfterMs=',
    '?mwpQuietAfterMs=-5',
    '?mwpQuietAfterMs=1e3',
    '?mwpQuietAfterMs=50',
    '?mwpQuietAfterMs=9999999',
  ])('ignores %j', (search) => {
    expect(readMwpQuietAfterMs(search)).toBeUndefined()
  })
})
