import { InvalidArgumentError, InvalidBase58Error } from '../errors/deeplink.js'

/** Bitcoin's base58 alphabet, the one Phantom-style deeplinks use: no 0, O, I, l. */
const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const digitOf = new Int8Array(123).fill(-1)
for (let digit = 0; digit < 58; digit++) digitOf[alphabet.charCodeAt(digit)] = digit

const base58x4 = 58 ** 4
const bytesx3 = 2 ** 24

/**
 * Changes the base of the big-endian number `digits[start..]` (each digit < `from`), taking `per` digits
 * per step, into little-endian limbs below `to`. Steps of 4 base58 digits against limbs of 3 bytes (or the
 * reverse) keep every product under 2^53, so plain numbers are exact, and take 12x fewer steps than
 * converting digit by digit. Still quadratic in the length, hence the callers' length limits.
 */
function changeBase(
  digits: ArrayLike<number>,
  start: number,
  from: number,
  per: number,
  to: number,
): number[] {
  const limbs: number[] = []
  for (let at = start, take = (digits.length - start) % per || per; at < digits.length; take = per) {
    let carry = 0
    let scale = 1
    for (const end = at + take; at < end; at++) {
      carry = carry * from + digits[at]!
      scale *= from
    }
    for (let index = 0; index < limbs.length; index++) {
      const value = limbs[index]! * scale + carry
      carry = Math.floor(value / to)
      limbs[index] = value - carry * to
    }
    for (; carry > 0; carry = Math.floor(carry / to)) limbs.push(carry % to)
  }
  return limbs
}

/** Encodes bytes as base58 (bitcoin alphabet), the encoding of every binary value in deeplinks. */
export function encodeBase58(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidArgumentError('Only a Uint8Array can be base58-encoded.')
  let zeros = 0
  while (bytes[zeros] === 0) zeros++
  const limbs = changeBase(bytes, zeros, 256, 3, base58x4)
  const digits: string[] = []
  for (let index = limbs.length - 1; index >= 0; index--)
    for (let limb = limbs[index]!, place = base58x4 / 58; place >= 1; place /= 58) {
      const digit = Math.floor(limb / place)
      limb -= digit * place
      digits.push(alphabet[digit]!)
    }
  // One "1" per leading zero byte; the zero digits that pad the top limb are not part of the number.
  return '1'.repeat(zeros) + digits.join('').replace(/^1+/, '')
}

/** Decodes base58, or returns undefined for a character outside the alphabet. */
function decodeDigits(text: string): Uint8Array | undefined {
  const digits = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index++) {
    const digit = digitOf[text.charCodeAt(index)] ?? -1
    if (digit < 0) return undefined
    digits[index] = digit
  }
  let zeros = 0
  while (digits[zeros] === 0) zeros++
  const limbs = changeBase(digits, zeros, 58, 4, bytesx3)
  const bytes = new Uint8Array(zeros + limbs.length * 3)
  let at = bytes.length
  for (const limb of limbs) {
    bytes[--at] = limb & 255
    bytes[--at] = (limb >> 8) & 255
    bytes[--at] = limb >> 16
  }
  // Everything before the number's first non-zero byte is zero: keep exactly one zero byte per leading "1".
  let first = zeros
  while (bytes[first] === 0) first++
  return bytes.slice(first - zeros)
}

export type DecodeBase58Options = {
  /** What the value is, for error messages (`'nonce'`, `'data'`...). */
  label?: string | undefined
  /** The exact decoded length required, in bytes. */
  length?: number | undefined
  /** Refuse longer inputs before decoding: base58 decoding is quadratic in the input length. */
  maxLength?: number | undefined
}

/**
 * Decodes base58 (bitcoin alphabet) and checks the decoded length.
 *
 * @throws {InvalidBase58Error} on a non-string, a character outside the alphabet, or a wrong length.
 * @example
 * const nonce = decodeBase58(params.nonce, { label: 'nonce', length: 24 })
 */
export function decodeBase58(value: unknown, options: DecodeBase58Options = {}): Uint8Array {
  const { label = 'value', length, maxLength } = options
  if (typeof value !== 'string') throw new InvalidBase58Error(`The ${label} is not a base58 string.`)
  if (maxLength !== undefined && value.length > maxLength)
    throw new InvalidBase58Error(
      `The ${label} is ${value.length} characters long; at most ${maxLength} are accepted.`,
    )
  const bytes = decodeDigits(value)
  if (!bytes)
    throw new InvalidBase58Error(`The ${label} is not valid base58 (bitcoin alphabet: no 0, O, I, l).`)
  if (length !== undefined && bytes.length !== length)
    throw new InvalidBase58Error(`The ${label} decodes to ${bytes.length} bytes; it must be ${length} bytes.`)
  return bytes
}
