'use client'
import type { DemoResults } from '@dapplink-app/demo-shared'
import { VerifiedMark } from './VerifiedMark.js'

export type SignMessageActionProps = {
  message: string
  onMessageChange: (message: string) => void
  disabled: boolean
  result: DemoResults['message']
  onSign: (message: string) => void
}

/** signMessage: the message to sign, and the signature the page verified. */
export function SignMessageAction({
  message,
  onMessageChange,
  disabled,
  result,
  onSign,
}: SignMessageActionProps) {
  return (
    <div className="action">
      <h3>signMessage</h3>
      <div className="row">
        <input
          data-testid="message-input"
          value={message}
          onChange={(event) => onMessageChange(event.target.value)}
        />
        <button type="button" data-testid="sign-message" disabled={disabled} onClick={() => onSign(message)}>
          Sign message
        </button>
      </div>
      {result && (
        <dl>
          <dt>Message</dt>
          <dd data-testid="signed-message-text">{result.text}</dd>
          <dt>Signature</dt>
          <dd className="mono" data-testid="message-signature">
            {result.signature}
          </dd>
          <dt>Check</dt>
          <dd>
            <VerifiedMark ok={result.verified} testId="message-verified" />
          </dd>
        </dl>
      )}
    </div>
  )
}
