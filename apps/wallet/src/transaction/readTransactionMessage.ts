import bs58 from 'bs58'

/** One compiled instruction: indexes into the message's account list, and its data. */
export type CompiledInstruction = {
  programIdIndex: number
  accountIndexes: number[]
  data: Uint8Array
}

/** A serialized legacy or v0 transaction, read far enough to show it to the user. */
export type TransactionMessage = {
  version: 'legacy' | 0
  /** base58 of the static account keys; the fee payer is the first. */
  accountKeys: string[]
  requiredSignatures: number
  recentBlockhash: string
  instructions: CompiledInstruction[]
  /** Whether a v0 message loads accounts from address lookup tables (their keys are not in the bytes). */
  usesLookupTables: boolean
}

/**
 * Reads a serialized Solana transaction (signatures, then a legacy or v0 message) without a Solana library.
 * Returns undefined for bytes that are not a well-formed transaction: this is for display only, and the
 * wallet kit has already validated what it will sign.
 *
 * @example
 * const message = readTransactionMessage(request.transaction.bytes)
 */
export function readTransactionMessage(bytes: Uint8Array): TransactionMessage | undefined {
  let offset = 0
  const u8 = (): number => {
    const value = bytes[offset]
    if (value === undefined) throw new RangeError('truncated')
    offset += 1
    return value
  }
  const take = (length: number): Uint8Array => {
    if (offset + length > bytes.length) throw new RangeError('truncated')
    const slice = bytes.slice(offset, offset + length)
    offset += length
    return slice
  }
  // compact-u16: 7 bits per byte, little-endian, at most 3 bytes.
  const compactU16 = (): number => {
    let value = 0
    for (let shift = 0; shift < 21; shift += 7) {
      const byte = u8()
      value |= (byte & 0x7f) << shift
      if ((byte & 0x80) === 0) {
        if (value > 0xffff) break
        return value
      }
    }
    throw new RangeError('bad compact-u16')
  }

  try {
    const signatureCount = compactU16()
    take(signatureCount * 64)
    let version: 'legacy' | 0 = 'legacy'
    if ((bytes[offset] ?? 0) & 0x80) {
      if ((u8() & 0x7f) !== 0) return undefined
      version = 0
    }
    const requiredSignatures = u8()
    u8()
    u8()
    const accountKeys: string[] = []
    for (let count = compactU16(); count > 0; count--) accountKeys.push(bs58.encode(take(32)))
    const recentBlockhash = bs58.encode(take(32))
    const instructions: CompiledInstruction[] = []
    for (let count = compactU16(); count > 0; count--) {
      const programIdIndex = u8()
      const accountIndexes = Array.from(take(compactU16()))
      const data = take(compactU16())
      instructions.push({ programIdIndex, accountIndexes, data })
    }
    let usesLookupTables = false
    if (version === 0) {
      for (let count = compactU16(); count > 0; count--) {
        usesLookupTables = true
        take(32)
        take(compactU16())
        take(compactU16())
      }
    }
    if (offset !== bytes.length || accountKeys.length === 0) return undefined
    return { version, accountKeys, requiredSignatures, recentBlockhash, instructions, usesLookupTables }
  } catch {
    return undefined
  }
}
