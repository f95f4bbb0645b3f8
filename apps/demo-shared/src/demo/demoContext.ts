/**
 * What the page knew when it asked the wallet, sent as the request's `context`: dapplink keeps it with the
 * request and hands it back with the answer, also after the wallet round trip reloaded the page.
 */
export type DemoContext =
  | { method: 'signMessage'; message: string }
  | { method: 'signTransaction' }
  | { method: 'signAllTransactions'; count: number }
  | { method: 'signAndSendTransaction'; recipient: string; lamports: number; balanceBefore: number }

/** The context of an answer when it is one this demo wrote for that method, else null. */
export function readDemoContext<method extends DemoContext['method']>(
  method: method,
  context: unknown,
): Extract<DemoContext, { method: method }> | null {
  const value = context as Partial<Record<string, unknown>> | null | undefined
  if (typeof value !== 'object' || value === null || value['method'] !== method) return null
  const valid =
    method === 'signMessage'
      ? typeof value['message'] === 'string'
      : method === 'signAllTransactions'
        ? Number.isInteger(value['count'])
        : method === 'signAndSendTransaction'
          ? typeof value['recipient'] === 'string' &&
            Number.isSafeInteger(value['lamports']) &&
            Number.isSafeInteger(value['balanceBefore'])
          : true
  return valid ? (value as Extract<DemoContext, { method: method }>) : null
}
