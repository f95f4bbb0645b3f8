import { describe, expect, it } from 'vitest'
import { decodeSystemTransfer, systemProgramId } from './decodeSystemTransfer.js'

const keys = [systemProgramId, 'Source1111111111111111111111111111', 'Dest11111111111111111111111111111111']
// Transfer of 1 SOL: u32 LE 2 || u64 LE 1_000_000_000 (0x3b9aca00).
const transferData = new Uint8Array([2, 0, 0, 0, 0x00, 0xca, 0x9a, 0x3b, 0, 0, 0, 0])

describe('decodeSystemTransfer', () => {
  it('decodes a known-answer transfer', () => {
    expect(
      decodeSystemTransfer({ programIdIndex: 0, accountIndexes: [1, 2], data: transferData }, keys),
    ).toEqual({ source: keys[1], destination: keys[2], lamports: 1_000_000_000n })
  })

  it.each([
    ['another program', { programIdIndex: 1, accountIndexes: [1, 2], data: transferData }],
    [
      'another System instruction',
      { programIdIndex: 0, accountIndexes: [1, 2], data: new Uint8Array([3, ...transferData.subarray(1)]) },
    ],
    ['short data', { programIdIndex: 0, accountIndexes: [1, 2], data: transferData.subarray(0, 11) }],
    ['one account', { programIdIndex: 0, accountIndexes: [1], data: transferData }],
    ['a lookup-table account', { programIdIndex: 0, accountIndexes: [1, 7], data: transferData }],
  ])('ignores %s', (_, instruction) => {
    expect(decodeSystemTransfer(instruction, keys)).toBeUndefined()
  })
})
