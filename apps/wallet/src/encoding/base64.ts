/** Standard base64 (with padding) of bytes, as Solana's JSON-RPC `encoding: 'base64'` expects. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  // Chunked so a large input does not overflow the argument limit of String.fromCharCode.
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  return btoa(binary)
}

/** Bytes of standard base64; throws a `SyntaxError`-like DOMException on invalid input (atob's contract). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}
