'use client'

/** A paused relay session: requests wait in the relay queue; the button opens the wallet's wake-up link. */
export function PausedNotice({ onWakeUp }: { onWakeUp: () => void }) {
  return (
    <div className="notice" data-testid="paused-notice">
      The wallet is in the background. Requests wait in the relay queue until it comes back.{' '}
      <button type="button" className="secondary" data-testid="wake-up" onClick={onWakeUp}>
        Wake up the wallet
      </button>
    </div>
  )
}
