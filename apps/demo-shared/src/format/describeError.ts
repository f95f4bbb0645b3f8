/** What the demo shows of an error: its class name, the one-line message, and a protocol code if any. */
export type ErrorDescription = { name: string; message: string; code: number | null }

/**
 * Readable text for any thrown value: dapplink's typed errors carry `shortMessage` (the message without the
 * details paragraph); other errors their `message`.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error) {
    const { shortMessage, code } = error as Error & { shortMessage?: unknown; code?: unknown }
    return {
      name: error.name,
      message: typeof shortMessage === 'string' && shortMessage ? shortMessage : error.message,
      code: typeof code === 'number' ? code : null,
    }
  }
  return { name: 'Error', message: String(error), code: null }
}
