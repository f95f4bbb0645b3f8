import { expect, it } from 'vitest'
import { createSampledRss } from './sampledRss.js'

it('reads RSS at most once per interval', () => {
  let time = 0
  let reads = 0
  const rss = createSampledRss(
    100,
    () => ++reads * 1_000,
    () => time,
  )
  expect(rss()).toBe(1_000)
  time = 99
  expect(rss()).toBe(1_000)
  time = 100
  expect(rss()).toBe(2_000)
  expect(reads).toBe(2)
})
