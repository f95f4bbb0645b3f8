import { InvalidRequestError } from '../errors/walletRequestError.js'

/** A serialized Solana transaction, split along its wire format (no Solana library needed). */
export type TransactionWire = {
  /** 'legacy', or the version number of a versioned message (only 0 exists). */
  version: 'legacy' | 0
  /** The number of signature slots (= the message's required signers). */
  signatureCount: number
  /** Byte offset of the first signature slot. */
  signaturesOffset: number
  /** Byte offset of the message; the signed bytes are `bytes.subarray(messageOffset)`. */
  messageOffset: number
  /** The message's static account keys; the first `signatureCount` are the required signers, in slot order. */
  accountKeys: Uint8Array[]
  /** The message's recent blockhash (or durable nonce). */
  recentBlockhash: Uint8Array
  /** The number of instructions. */
  instructionCount: number
}

const signatureLength = 64
const keyLength = 32

/**
 * Parses a serialized legacy or v0 transaction: compact-u16 signature count, signatures, then the message
 * (a v0 message starts with a byte with the high bit set). Throws `InvalidRequestError` (-32000) on
 * anything malformed, including trailing bytes.
 *
 * @example
 * const { version, accountKeys } = parseTransactionWire(bs58.decode(payload.transaction))
 */
export function parseTransactionWire(bytes: Uint8Array, redirectLink?: string | undefined): TransactionWire {
  const reader = createReader(bytes, redirectLink)
  const signatureCount = reader.compactU16('signature count')
  const signaturesOffset = reader.offset
  reader.skip(signatureCount * signatureLength, 'signatures')
  const messageOffset = reader.offset

  const { version, requiredSignatures, readonlySigned, accountKeys, recentBlockhash, instructionCount } =
    readMessage(reader, redirectLink)
  const accountCount = accountKeys.length
  if (reader.offset !== bytes.length)
    throw new InvalidRequestError(
      `The transaction has ${bytes.length - reader.offset} unexpected trailing bytes.`,
      {
        redirectLink,
      },
    )
  if (requiredSignatures === 0 || requiredSignatures !== signatureCount)
    throw new InvalidRequestError(
      `The transaction has ${signatureCount} signature slots but its message requires ${requiredSignatures} signers.`,
      {
        details: 'Serialize with requireAllSignatures: false so every signer has a (zeroed) slot.',
        redirectLink,
      },
    )
  if (requiredSignatures > accountCount || readonlySigned >= requiredSignatures)
    throw new InvalidRequestError('The transaction header is inconsistent with its account keys.', {
      redirectLink,
    })
  return {
    version,
    signatureCount,
    signaturesOffset,
    messageOffset,
    accountKeys,
    recentBlockhash,
    instructionCount,
  }
}

type Reader = ReturnType<typeof createReader>

function readMessage(reader: Reader, redirectLink: string | undefined) {
  let version: 'legacy' | 0 = 'legacy'
  const first = reader.peek('message header')
  if (first & 0x80) {
    const number = first & 0x7f
    if (number !== 0)
      throw new InvalidRequestError(
        `The transaction has message version ${number}; only legacy and v0 are supported.`,
        {
          redirectLink,
        },
      )
    version = 0
    reader.skip(1, 'version prefix')
  }
  const requiredSignatures = reader.u8('header')
  const readonlySigned = reader.u8('header')
  reader.u8('header')
  const accountCount = reader.compactU16('account key count')
  const accountKeys: Uint8Array[] = []
  for (let index = 0; index < accountCount; index++) accountKeys.push(reader.bytes(keyLength, 'account keys'))
  const recentBlockhash = reader.bytes(keyLength, 'recent blockhash')
  const instructionCount = reader.compactU16('instruction count')
  for (let index = 0; index < instructionCount; index++) {
    reader.u8('instruction program index')
    reader.skip(reader.compactU16('instruction accounts length'), 'instruction accounts')
    reader.skip(reader.compactU16('instruction data length'), 'instruction data')
  }
  if (version === 0) {
    const lookupCount = reader.compactU16('address table lookup count')
    for (let index = 0; index < lookupCount; index++) {
      reader.skip(keyLength, 'address table key')
      reader.skip(reader.compactU16('writable indexes length'), 'writable indexes')
      reader.skip(reader.compactU16('readonly indexes length'), 'readonly indexes')
    }
  }
  return { version, requiredSignatures, readonlySigned, accountKeys, recentBlockhash, instructionCount }
}

/**
 * Whether `bytes` is exactly a legacy or v0 transaction *message*. A wallet must not sign such bytes as a
 * "message": the signature would authorize the transaction.
 */
export function isTransactionMessage(bytes: Uint8Array): boolean {
  // Fast path without exceptions (every relay signMessage comes here): a message holds at least its
  // header, as many 32-byte keys as the first byte of its key count says, a blockhash and an instruction count.
  const headerOffset = (bytes[0] ?? 0) & 0x80 ? 1 : 0
  const minimumKeys = (bytes[headerOffset + 3] ?? 0) & 0x7f
  if (bytes.length < headerOffset + 4 + 32 * minimumKeys + 33) return false
  try {
    const reader = createReader(bytes, undefined)
    const { requiredSignatures, accountKeys } = readMessage(reader, undefined)
    return (
      reader.offset === bytes.length && requiredSignatures > 0 && requiredSignatures <= accountKeys.length
    )
  } catch {
    return false
  }
}

function createReader(bytes: Uint8Array, redirectLink: string | undefined) {
  let offset = 0
  const truncated = (what: string): never => {
    throw new InvalidRequestError(`The transaction ends inside its ${what}.`, {
      details: `It has ${bytes.length} bytes; check that the whole serialized transaction was sent.`,
      redirectLink,
    })
  }
  const reader = {
    get offset() {
      return offset
    },
    peek(what: string): number {
      return bytes[offset] ?? truncated(what)
    },
    u8(what: string): number {
      const value = bytes[offset] ?? truncated(what)
      offset += 1
      return value
    },
    skip(length: number, what: string): void {
      if (offset + length > bytes.length) truncated(what)
      offset += length
    },
    bytes(length: number, what: string): Uint8Array {
      if (offset + length > bytes.length) truncated(what)
      const slice = new Uint8Array(bytes.subarray(offset, offset + length))
      offset += length
      return slice
    },
    // compact-u16: 7 bits per byte, little-endian, at most 3 bytes; non-canonical encodings are refused.
    compactU16(what: string): number {
      let value = 0
      for (let index = 0; index < 3; index++) {
        const byte = reader.u8(what)
        value |= (byte & 0x7f) << (7 * index)
        if ((byte & 0x80) === 0) {
          if (index > 0 && byte === 0) break
          if (value > 0xffff) break
          return value
        }
      }
      throw new InvalidRequestError(`The transaction's ${what} is not a valid compact-u16.`, { redirectLink })
    },
  }
  return reader
}
