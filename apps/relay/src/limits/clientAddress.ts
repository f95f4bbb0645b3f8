/**
 * The client address of a request. Behind `trustedProxyHops` trusted proxies (TRUST_PROXY), each proxy
 * appends the address it saw to `X-Forwarded-For`, so the client is the entry that many hops from the
 * right; everything left of it was written by the client and proves nothing. Without TRUST_PROXY, or
 * without the header, the TCP peer address.
 *
 * @example
 * clientAddressOf({ remoteAddress: '10.0.0.2', forwardedFor: 'spoofed, 203.0.113.7', trustedProxyHops: 1 })
 * // '203.0.113.7'
 */
export function clientAddressOf(parameters: {
  remoteAddress: string | undefined
  forwardedFor: string | string[] | undefined
  trustProxy: boolean
  trustedProxyHops: number
}): string {
  const { remoteAddress, forwardedFor, trustProxy, trustedProxyHops } = parameters
  const peer = remoteAddress ?? 'unknown'
  if (!trustProxy || forwardedFor === undefined) return peer
  // Several headers are one list, in order (RFC 7230 section 3.2.2).
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0) return peer
  // Fewer entries than hops: the request skipped an outer proxy; the leftmost was still written by ours.
  return entries[Math.max(0, entries.length - trustedProxyHops)]!.slice(0, 64)
}
