'use client'

/** Whether the page itself verified a wallet answer. */
export const VerifiedMark = ({ ok, testId }: { ok: boolean; testId: string }) => (
  <span data-testid={testId} data-verified={String(ok)} className={ok ? 'ok' : 'bad'}>
    {ok ? 'verified on this page ✓' : 'NOT verified ✗'}
  </span>
)
