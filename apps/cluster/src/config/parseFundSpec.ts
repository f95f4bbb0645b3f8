import { type Address, isAddress } from '@solana/kit'
import { InvalidClusterOptionError } from '../errors/InvalidClusterOptionError.js'

/** One account to fund at start. */
export type FundEntry = { address: Address; lamports: bigint }

const lamportsPerSol = 1_000_000_000n
const solAmountPattern = /^(\d{1,12})(?:\.(\d{1,9}))?$/

/** Parses a SOL amount such as `10` or `0.5` into lamports, exactly (no floating point). */
export function parseSolAmount(text: string): bigint {
  const match = solAmountPattern.exec(text.trim())
  if (!match) {
    throw new InvalidClusterOptionError(`"${text}" is not a SOL amount.`, {
      details: 'Write a decimal number of SOL with at most 9 decimals, for example 10 or 0.5.',
    })
  }
  const whole = BigInt(match[1]!)
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'))
  return whole * lamportsPerSol + fraction
}

/**
 * Parses `FUND=<base58 pubkey>:<SOL>,...` into accounts to airdrop to at start.
 *
 * @example parseFundSpec('9xQe...Fin:10,7Np4...kP2:0.5')
 */
export function parseFundSpec(spec: string): FundEntry[] {
  const entries: FundEntry[] = []
  for (const part of spec.split(',')) {
    const item = part.trim()
    if (item === '') continue
    const separator = item.lastIndexOf(':')
    if (separator < 0) {
      throw new InvalidClusterOptionError(`FUND entry "${item}" has no amount.`, {
        details: 'Write each entry as <base58 pubkey>:<SOL>, separated by commas.',
      })
    }
    const address = item.slice(0, separator).trim()
    if (!isAddress(address)) {
      throw new InvalidClusterOptionError(`FUND entry "${item}" does not start with a base58 public key.`, {
        details: 'A Solana public key is 32 bytes written in base58 (32 to 44 characters).',
      })
    }
    const lamports = parseSolAmount(item.slice(separator + 1))
    if (lamports === 0n) {
      throw new InvalidClusterOptionError(`FUND entry "${item}" funds 0 SOL.`, {
        details: 'Give a positive amount.',
      })
    }
    entries.push({ address, lamports })
  }
  return entries
}
