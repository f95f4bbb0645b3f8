import { DapplinkError } from '@dapplink/core'

/** `confirmByPolling` gave up: the signature had no status at the wanted commitment in time. */
export class ConfirmationTimeoutError extends DapplinkError {
  override name = 'ConfirmationTimeoutError'
  readonly signature: string

  constructor(signature: string, timeoutMs: number) {
    super(`Transaction ${signature} was not confirmed within ${timeoutMs} ms.`, {
      details:
        'Check that it was sent to this cluster (sendTransaction answered with this signature) and that its blockhash was recent; or raise timeoutMs.',
    })
    this.signature = signature
  }
}
