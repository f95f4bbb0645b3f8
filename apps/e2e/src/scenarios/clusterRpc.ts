/** What the demos' transfer button sends, in lamports. */
export const transferLamports = 10_000_000
/** litesvm charges the standard 5000 lamports per signature; the transfer has one. */
export const feeLamports = 5_000

/** One JSON-RPC call to the local cluster; an RPC error becomes a thrown Error naming the method. */
export async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await response.json()) as { result: T; error?: { message: string } }
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
  return body.result
}
