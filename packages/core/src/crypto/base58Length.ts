// log(256) / log(58) = 1.3656582...: base58 characters per byte, rounded up (an upper bound). A literal, not
// Math.log(...): bundlers keep a top-level call even when nothing uses its result.
const charactersPerByte = 1.3656583
// A value rounded down, so the lower bound stays a lower bound despite floating point.
const charactersPerByteFloor = 1.3656

/**
 * An upper bound on the base58 length of `byteLength` bytes, computed without encoding
 * (base58 encoding is quadratic in the length).
 */
export function estimateBase58Length(byteLength: number): number {
  return Math.ceil(byteLength * charactersPerByte) + 1
}

/**
 * A lower bound on the base58 length of `bytes`, computed without encoding: each leading zero byte is one
 * `1`, and a number of k further bytes (first one non-zero) needs at least floor((k - 1) * 1.3656) + 1 digits.
 */
export function minimumBase58Length(bytes: Uint8Array): number {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  const rest = bytes.length - zeros
  return zeros + (rest > 0 ? Math.floor((rest - 1) * charactersPerByteFloor) + 1 : 0)
}
