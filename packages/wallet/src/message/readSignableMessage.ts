import { InvalidRequestError } from '../errors/walletRequestError.js'
import { isTransactionMessage } from '../transaction/parseTransactionWire.js'

/** A message a wallet may sign with `signMessage`, with what its approve screen shows. */
export type SignableMessage = {
  message: Uint8Array
  /** The message as text, when it is valid UTF-8 (show it rather than hex when the dapp asked for 'utf8'). */
  text: string | undefined
  /** The message as lowercase hex. */
  hex: string
}

/**
 * The one check both wallet paths (deeplink and relay) run before a `signMessage`: bytes that are a
 * Solana transaction message are refused, because an ed25519 signature over them authorizes that
 * transaction. Throws `InvalidRequestError` (-32000); returns the message with its text and hex views.
 *
 * @example
 * const { text, hex } = readSignableMessage(new TextEncoder().encode('Sign in to example.com'))
 */
export function readSignableMessage(message: Uint8Array, redirectLink?: string | undefined): SignableMessage {
  if (isTransactionMessage(message))
    throw new InvalidRequestError('The message to sign is a Solana transaction message.', {
      details: 'Signing it would authorize the transaction; ask for signTransaction instead.',
      redirectLink,
    })
  return {
    message,
    text: decodeUtf8(message),
    hex: Array.from(message, (byte) => byte.toString(16).padStart(2, '0')).join(''),
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}
