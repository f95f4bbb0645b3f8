import { walletWindowName } from './walletLink.js'

/**
 * How `wakeUp()` opens its link without `navigate`: the named wallet tab (see `walletWindowName`) or a new
 * one, never this page, because unloading it would end the session (pagehide sends `terminate`).
 * `location.assign` only where `window.open` is missing.
 */
export function defaultOpenLink(): ((url: string) => void) | undefined {
  if (typeof window !== 'undefined' && typeof window.open === 'function')
    return (url) => {
      window.open(url, walletWindowName, 'noopener')
    }
  if (typeof location !== 'undefined' && typeof location.assign === 'function')
    return (url) => location.assign(url)
  return undefined
}
