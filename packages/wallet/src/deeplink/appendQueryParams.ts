/**
 * Appends params to a URL's query, keeping the existing query text and fragment exactly as they were
 * (rewriting them through URLSearchParams would re-encode the dapp's own values, e.g. %20 as +).
 */
export function appendQueryParams(link: string, params: Record<string, string>): string {
  const url = new URL(link)
  const ours = new URLSearchParams(params).toString()
  if (ours === '') return url.href
  const existing = url.search.length > 1 ? url.search.slice(1) : ''
  url.search = existing === '' ? ours : `${existing}&${ours}`
  return url.href
}
