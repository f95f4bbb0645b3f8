'use client'
import { describeError } from '@dapplink-app/demo-shared'

export type ErrorBannerProps = {
  /** The client's last error (`useWallet().error`). */
  walletError: Error | null
  /** The demo's own last error (cluster, checks); may be the same object as `walletError`. */
  demoError: unknown
  /** Clears both errors. */
  onDismiss: () => void
}

function ErrorLine({ error, testId }: { error: unknown; testId: string }) {
  const { name, message, code } = describeError(error)
  return (
    <div className="error" role="alert" data-testid={testId} data-name={name} data-code={code ?? ''}>
      <strong data-testid={`${testId}-name`}>{name}</strong>
      <span data-testid={`${testId}-message`}>{message}</span>
    </div>
  )
}

/** Readable errors: the typed error's class name and its shortMessage, each error shown once. */
export function ErrorBanner({ walletError, demoError, onDismiss }: ErrorBannerProps) {
  if (!walletError && demoError == null) return null
  return (
    <>
      {walletError && <ErrorLine error={walletError} testId="error" />}
      {demoError != null && demoError !== walletError && <ErrorLine error={demoError} testId="demo-error" />}
      <button type="button" className="secondary" data-testid="dismiss-error" onClick={onDismiss}>
        Dismiss
      </button>
    </>
  )
}
