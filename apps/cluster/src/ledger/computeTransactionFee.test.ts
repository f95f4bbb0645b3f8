import type { Address, CompiledTransactionMessage } from '@solana/kit'
import { describe, expect, it } from 'vitest'
import { computeTransactionFee } from './computeTransactionFee.js'

const payer = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' as Address
const system = '11111111111111111111111111111111' as Address
const computeBudget = 'ComputeBudget111111111111111111111111111111' as Address
const custom = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA' as Address

function message(signers: number, instructions: [Address, number[]][]): CompiledTransactionMessage {
  const programs = [...new Set(instructions.map(([program]) => program))]
  return {
    version: 'legacy',
    header: {
      numSignerAccounts: signers,
      numReadonlySignerAccounts: 0,
      numReadonlyNonSignerAccounts: programs.length,
    },
    staticAccounts: [payer, ...programs],
    instructions: instructions.map(([program, data]) => ({
      programAddressIndex: 1 + programs.indexOf(program),
      data: new Uint8Array(data),
    })),
  }
}

const setPrice = (microLamports: number) => [
  3,
  ...new Uint8Array(new BigUint64Array([BigInt(microLamports)]).buffer),
]
const setLimit = (units: number) => [2, ...new Uint8Array(new Uint32Array([units]).buffer)]

describe('computeTransactionFee', () => {
  it('charges 5000 lamports per signature', () => {
    expect(computeTransactionFee(message(1, [[system, [2]]]))).toBe(5000n)
    expect(computeTransactionFee(message(3, [[system, [2]]]))).toBe(15_000n)
  })

  it('adds ceil(price × explicit limit / 10^6)', () => {
    const fee = computeTransactionFee(
      message(1, [
        [computeBudget, setPrice(1_000_000)],
        [computeBudget, setLimit(10_000)],
        [system, [2]],
      ]),
    )
    expect(fee).toBe(5000n + 10_000n)
    expect(
      computeTransactionFee(
        message(1, [
          [computeBudget, setPrice(1)],
          [computeBudget, setLimit(1)],
        ]),
      ),
    ).toBe(5001n)
  })

  it('uses 3000 units per builtin and 200000 per other instruction when no limit is set', () => {
    expect(
      computeTransactionFee(
        message(1, [
          [computeBudget, setPrice(1_000_000)],
          [system, [2]],
        ]),
      ),
    ).toBe(5000n + 6000n)
    expect(
      computeTransactionFee(
        message(1, [
          [computeBudget, setPrice(1_000_000)],
          [custom, [1]],
        ]),
      ),
    ).toBe(5000n + 203_000n)
  })

  it('caps the limit at 1.4M units', () => {
    expect(
      computeTransactionFee(
        message(1, [
          [computeBudget, setPrice(1_000_000)],
          [computeBudget, setLimit(5_000_000)],
        ]),
      ),
    ).toBe(5000n + 1_400_000n)
  })
})
