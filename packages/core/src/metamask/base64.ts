// Standard base64 (with padding), as MetaMask's packages write it; no Buffer, so it runs in browsers.

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Standard base64 of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  }
  return btoa(binary)
}

/** Decodes standard base64; throws a `TypeError` on anything else (the callers wrap it in their typed error). */
export function base64ToBytes(text: string): Uint8Array {
  if (!strictBase64.test(text)) throw new TypeError('Not standard base64.')
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}
