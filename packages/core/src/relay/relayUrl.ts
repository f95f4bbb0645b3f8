import { InsecureRelayUrlError } from '../errors/relay.js'

const secureProtocols = new Set(['wss:', 'https:'])
const clearTextProtocols = new Set(['ws:', 'http:'])

/** Hosts whose traffic never leaves this machine: clear text is fine there (development, tests). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}

/**
 * Why `relayUrl` cannot be used, or undefined when it can: it must be `wss:`/`https:`, or `ws:`/`http:`
 * to this machine only. Over clear text anyone on the path reads the join tokens and can take a role.
 *
 * @example
 * relayUrlProblem('ws://relay.example') // 'The relay URL "ws://relay.example" is not encrypted ...'
 */
export function relayUrlProblem(relayUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(relayUrl)
  } catch {
    return `The relay URL "${relayUrl.slice(0, 100)}" is not a URL.`
  }
  if (secureProtocols.has(url.protocol)) return undefined
  if (!clearTextProtocols.has(url.protocol))
    return `The relay URL uses "${url.protocol}"; only wss: and https: (or ws:/http: to localhost) work.`
  if (isLoopbackHost(url.hostname)) return undefined
  return `The relay URL "${url.origin}" is not encrypted; use wss: or https: (ws:/http: only to localhost).`
}

/**
 * Throws `InsecureRelayUrlError` unless `relayUrl` is `wss:`/`https:`, or `ws:`/`http:` to localhost.
 *
 * @example
 * assertRelayUrl('wss://relay.example') // ok
 */
export function assertRelayUrl(relayUrl: string): void {
  const problem = relayUrlProblem(relayUrl)
  if (problem)
    throw new InsecureRelayUrlError(problem, {
      details: 'Join tokens travel to the relay; over clear text anyone on the path could read and use them.',
    })
}
