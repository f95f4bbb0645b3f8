/** A refusal from the relay: its error code (docs/protocol.md section 3) and message. */
export type RelayRefusal = { code: string; message: string }

/** Reads a relay answer: undefined when it is `{ ok: true }`, else the refusal (or `bad_answer`). */
export function relayRefusal(answer: unknown): RelayRefusal | undefined {
  if (typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === true)
    return undefined
  const error = (answer as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return {
    code: typeof error?.code === 'string' ? error.code : 'bad_answer',
    message: typeof error?.message === 'string' ? error.message : 'The relay gave no usable answer.',
  }
}
