/**
 * Protocol constants of dapplink relay protocol version 2 (docs/protocol.md). Version 2 added the wallet's
 * commit-then-reveal to the handshake (section 4.1); a side of another version is refused.
 */
export const protocolVersion = 2

/** Frame types (docs/protocol.md section 4). */
export const frameType = { hello: 1, key: 2, done: 3, data: 16, ack: 17 } as const
export type FrameType = (typeof frameType)[keyof typeof frameType]

/** Frame directions: who sealed the frame. */
export const direction = { dappToWallet: 0, walletToDapp: 1 } as const
export type Direction = (typeof direction)[keyof typeof direction]

export type RelayRole = 'dapp' | 'wallet'

export const headerLength = 28
export const channelIdLength = 16
export const secretLength = 32
export const tokenLength = 32
export const nonceLength = 32
export const macLength = 32
export const ivLength = 12
export const gcmTagLength = 16
export const compressedPublicKeyLength = 33
export const aesKeyLength = 32
/** ECIES (eciesjs 0.5 defaults, crypto/ecies.ts): 65-byte ephemeral key || 16-byte nonce || 16-byte tag || 32-byte payload. */
export const wrappedKeyLength = 129
/** The largest frame the relay forwards (docs/protocol.md section 3). */
export const maxFrameLength = 64 * 1024
/** A sender keeps at most this many unacknowledged DATA frames (section 5). */
export const maxUnackedFrames = 256
/** The receiver remembers this many accepted frames for duplicate detection (section 5). */
export const replayWindow = 128
export const maxSequence = 0xffff_ffff

// Labels keep the version that introduced them: the v1 ones mean the same in v2 (the relay checks the channel
// label itself); v2 added the commitment and changed what the HELLO MAC and the code cover.
export const labels = {
  auth: 'dapplink/v1/auth',
  channel: 'dapplink/v1/channel',
  walletToken: 'dapplink/v1/wallet-token',
  hello: 'dapplink/v2/hello',
  key: 'dapplink/v1/key',
  commitment: 'dapplink/v2/commitment',
  sas: 'dapplink/v2/sas',
} as const

export const helloBodyLength = compressedPublicKeyLength + nonceLength + 2 + wrappedKeyLength + macLength
export const keyBodyLength = 2 + wrappedKeyLength + macLength
/** The dapp's DNE seals `th`. */
export const dappDoneBodyLength = ivLength + 32 + gcmTagLength
/** The wallet's DNE seals `th || Nw`: the reveal of the nonce its HELLO committed to. */
export const walletDoneBodyLength = ivLength + 32 + nonceLength + gcmTagLength
export const ackBodyLength = ivLength + gcmTagLength
