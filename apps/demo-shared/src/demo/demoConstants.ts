/** The message the demo asks the wallet to sign, unless the user types another. */
export const defaultMessage = 'Sign in to the dapplink demo ✓'

/** The demo transfer: 0.01 SOL to a fresh address. */
export const transferLamports = 10_000_000

/** What the Airdrop button asks the local cluster for. */
export const airdropLamports = 1_000_000_000
