/** Lamports per SOL. */
export const lamportsPerSol = 1_000_000_000n

/**
 * Formats lamports as SOL with every significant decimal and no float rounding.
 *
 * @example
 * formatLamports(1_500_000_000n) // '1.5 SOL'
 */
export function formatLamports(lamports: bigint): string {
  const sign = lamports < 0n ? '-' : ''
  const absolute = lamports < 0n ? -lamports : lamports
  const whole = absolute / lamportsPerSol
  const fraction = (absolute % lamportsPerSol).toString().padStart(9, '0').replace(/0+$/, '')
  return `${sign}${whole}${fraction ? `.${fraction}` : ''} SOL`
}
