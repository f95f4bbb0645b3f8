const lamportsPerSol = 1_000_000_000

/** `1500000000` → `'1.5 SOL'`; exact (no floating point), trailing zeros dropped. */
export function formatSol(lamports: number | bigint): string {
  const value = BigInt(lamports)
  const sign = value < 0n ? '-' : ''
  const absolute = value < 0n ? -value : value
  const whole = absolute / BigInt(lamportsPerSol)
  const fraction = (absolute % BigInt(lamportsPerSol)).toString().padStart(9, '0').replace(/0+$/, '')
  return `${sign}${whole}${fraction ? `.${fraction}` : ''} SOL`
}

/** A balance change with its sign: `-10005000` → `'-0.010005 SOL'`, `+1 SOL` for gains. */
export function formatSolChange(lamports: number | bigint): string {
  return BigInt(lamports) > 0n ? `+${formatSol(lamports)}` : formatSol(lamports)
}
