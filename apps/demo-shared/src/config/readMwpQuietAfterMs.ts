/** Longest quiet time accepted from the query: the client's own default is 20 s. */
const maxQuietAfterMs = 600_000

/**
 * `?mwpQuietAfterMs=` for the MetaMask session: how long a request waits with no word from the wallet before the
 * demo shows `paused` (the e2e tests use a short one; the SDK's default, 20 s, applies otherwise). Returns
 * undefined for a missing or bad value.
 */
export function readMwpQuietAfterMs(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('mwpQuietAfterMs')
  if (raw === null || !/^\d+$/.test(raw)) return undefined
  const value = Number(raw)
  return value >= 100 && value <= maxQuietAfterMs ? value : undefined
}
