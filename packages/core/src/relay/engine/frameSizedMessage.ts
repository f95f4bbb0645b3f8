import { MessageTooLargeError } from '../../errors/relay.js'
import { gcmTagLength, headerLength, ivLength, maxFrameLength } from '../constants.js'
import {
  type ControlMessage,
  encodeSessionMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../rpc.js'

/** The largest plaintext one DATA frame carries. */
export const maxPlaintextLength = maxFrameLength - headerLength - ivLength - gcmTagLength

/** Encodes a session message; throws `MessageTooLargeError` when it would not fit in one frame. */
export function encodeFrameSizedMessage(
  message: JsonRpcRequest | JsonRpcResponse | ControlMessage,
): Uint8Array {
  const plaintext = encodeSessionMessage(message)
  if (plaintext.length > maxPlaintextLength)
    throw new MessageTooLargeError(
      `The message has ${plaintext.length} bytes; at most ${maxPlaintextLength} fit in a frame.`,
      { details: 'Send fewer or smaller transactions per request.' },
    )
  return plaintext
}
