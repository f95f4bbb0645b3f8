const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const lookup = new Map<string, number>([...alphabet].map((character, index) => [character, index]))

/** base64url without padding (RFC 4648 section 5), as the protocol writes binary values in URIs and events. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = ''
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index]!
    const b = bytes[index + 1]
    const c = bytes[index + 2]
    text += alphabet[a >> 2]
    text += alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]
    if (b !== undefined) text += alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]
    if (c !== undefined) text += alphabet[c & 63]
  }
  return text
}

/** Decodes unpadded base64url; returns undefined for any other text (padding, '+', '/', stray bits). */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let offset = 0
  for (const character of text) {
    const value = lookup.get(character)
    if (value === undefined) return undefined
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[offset++] = (buffer >> bits) & 0xff
    }
  }
  // Canonical encodings only: the unused low bits must be zero.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined
  return bytes
}

/** Standard base64 with padding (JSON-RPC parameters such as transactions and messages). */
export function encodeBase64(bytes: Uint8Array): string {
  const text = encodeBase64Url(bytes).replaceAll('-', '+').replaceAll('_', '/')
  return text + '='.repeat((4 - (text.length % 4)) % 4)
}

/** Decodes standard padded base64; undefined for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || /[-_]/.test(text)) return undefined
  const unpadded = text.replace(/={1,2}$/, '')
  return decodeBase64Url(unpadded.replaceAll('+', '-').replaceAll('/', '_'))
}
