'use client'
import type { DemoResults } from '@dapplink-app/demo-shared'
import { VerifiedMark } from './VerifiedMark.js'

export type SignTransactionsActionProps = {
  disabled: boolean
  signedTransaction: DemoResults['signedTransaction']
  signedAll: DemoResults['signedAll']
  onSignTransaction: () => void
  onSignAllTransactions: () => void
}

/** signTransaction and signAllTransactions: what the wallet signed, checked on this page. */
export function SignTransactionsAction({
  disabled,
  signedTransaction,
  signedAll,
  onSignTransaction,
  onSignAllTransactions,
}: SignTransactionsActionProps) {
  return (
    <div className="action">
      <h3>signTransaction · signAllTransactions</h3>
      <div className="row">
        <button type="button" data-testid="sign-transaction" disabled={disabled} onClick={onSignTransaction}>
          Sign a transaction
        </button>
        <button
          type="button"
          data-testid="sign-all-transactions"
          disabled={disabled}
          onClick={onSignAllTransactions}
        >
          Sign 2 transactions
        </button>
      </div>
      {(signedTransaction || signedAll) && (
        <dl>
          {signedTransaction && (
            <>
              <dt>Signed transaction</dt>
              <dd>
                <span className="mono" data-testid="transaction-signature">
                  {signedTransaction.signature ?? 'no signature'}
                </span>{' '}
                <VerifiedMark ok={signedTransaction.verified} testId="transaction-verified" />
              </dd>
            </>
          )}
          {signedAll && (
            <>
              <dt>Signed all</dt>
              <dd>
                <span data-testid="signed-all-count">{signedAll.count}</span> transactions{' '}
                <VerifiedMark ok={signedAll.verified} testId="signed-all-verified" />
              </dd>
            </>
          )}
        </dl>
      )}
    </div>
  )
}
