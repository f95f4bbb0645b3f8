import type { CompiledInstruction } from './readTransactionMessage.js'

/** base58 of the System Program's id (32 zero bytes). */
export const systemProgramId = '11111111111111111111111111111111'

/** A System Program `Transfer`: `lamports` from `source` to `destination` (base58 keys). */
export type SystemTransfer = { source: string; destination: string; lamports: bigint }

// SystemInstruction::Transfer is variant 2: data = u32 LE 2 || u64 LE lamports; accounts = [from, to].
const transferIndex = 2
const transferDataLength = 12

/**
 * Decodes a System Program transfer instruction, or returns undefined when the instruction is something
 * else (another program, another System instruction, or accounts out of the static key list).
 *
 * @example
 * const transfer = decodeSystemTransfer(message.instructions[0], message.accountKeys)
 */
export function decodeSystemTransfer(
  instruction: CompiledInstruction,
  accountKeys: readonly string[],
): SystemTransfer | undefined {
  if (accountKeys[instruction.programIdIndex] !== systemProgramId) return undefined
  const { data, accountIndexes } = instruction
  if (data.length !== transferDataLength || accountIndexes.length < 2) return undefined
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (view.getUint32(0, true) !== transferIndex) return undefined
  const source = accountKeys[accountIndexes[0]!]
  const destination = accountKeys[accountIndexes[1]!]
  // An index past the static keys points into a lookup table, whose keys the bytes do not contain.
  if (source === undefined || destination === undefined) return undefined
  return { source, destination, lamports: view.getBigUint64(4, true) }
}
