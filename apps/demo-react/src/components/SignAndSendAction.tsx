'use client'
import { type DemoResults, formatSol, formatSolChange, transferLamports } from '@dapplink-app/demo-shared'

export type SignAndSendActionProps = {
  disabled: boolean
  transfer: DemoResults['transfer']
  onSend: () => void
}

/** signAndSendTransaction: a transfer to a new address, with the balance before and after it. */
export function SignAndSendAction({ disabled, transfer, onSend }: SignAndSendActionProps) {
  return (
    <div className="action">
      <h3>signAndSendTransaction</h3>
      <div className="row">
        <button type="button" data-testid="sign-and-send" disabled={disabled} onClick={onSend}>
          Send {formatSol(transferLamports)} to a new address
        </button>
      </div>
      {transfer && (
        <dl>
          <dt>Signature</dt>
          <dd className="mono" data-testid="transfer-signature">
            {transfer.signature}
          </dd>
          <dt>Recipient</dt>
          <dd className="mono" data-testid="transfer-recipient">
            {transfer.recipient}
          </dd>
          <dt>Balance before</dt>
          <dd data-testid="balance-before" data-lamports={transfer.balanceBefore}>
            {formatSol(transfer.balanceBefore)}
          </dd>
          <dt>Balance after</dt>
          <dd data-testid="balance-after" data-lamports={transfer.balanceAfter}>
            {formatSol(transfer.balanceAfter)}
          </dd>
          <dt>Change</dt>
          <dd data-testid="balance-change" data-lamports={transfer.balanceAfter - transfer.balanceBefore}>
            <strong>{formatSolChange(transfer.balanceAfter - transfer.balanceBefore)}</strong>{' '}
            <span className="muted">(amount + network fee)</span>
          </dd>
        </dl>
      )}
    </div>
  )
}
