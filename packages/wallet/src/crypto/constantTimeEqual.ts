/**
 * Compares two byte arrays in time that depends only on their lengths, so a secret (a session token)
 * cannot be guessed byte by byte from response timing.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!
  return difference === 0
}
