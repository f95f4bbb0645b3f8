import type { MachineAccount, WalletMachineInput } from '../wallet/walletMachine.js'

/** Options of `signAndSendTransaction`, as the Wallet Standard passes them (Solana's send options). */
export type SessionSendOptions = {
  preflightCommitment?: 'processed' | 'confirmed' | 'finalized'
  commitment?: 'processed' | 'confirmed' | 'finalized'
  skipPreflight?: boolean
  maxRetries?: number
  minContextSlot?: number
}

/** The Sign In With Solana fields a dapp sets (those of `solana:signIn`, all optional). */
export type SessionSignInInput = {
  domain?: string
  address?: string
  statement?: string
  nonce?: string
} & Record<string, unknown>

/**
 * One way of reaching a wallet (the relay, a deeplink wallet, later MetaMask Mobile), as a Wallet Standard
 * wallet needs it. This is the extension point for a new transport: implement it in a module that
 * `registerDapplinkWallets` loads with `import()`, so that registering the wallet stays small.
 */
export type WalletSession = {
  /**
   * Connects. `silent`: only restore a session that already exists (wallet-adapter's autoConnect), and
   * resolve with null when there is none, without any prompt, dialog or navigation.
   */
  connect(options: { silent: boolean }): Promise<MachineAccount | null>
  /** Ends the session; resolves even when the wallet cannot be reached. */
  disconnect(): Promise<void>
  /** Resolves with the 64-byte ed25519 signature of `message`. */
  signMessage(message: Uint8Array): Promise<Uint8Array>
  /** Resolves with the signed transaction's wire bytes (legacy or version 0). */
  signTransaction(transaction: Uint8Array): Promise<Uint8Array>
  /** Resolves with the transaction's 64-byte signature once the wallet submitted it. */
  signAndSendTransaction(
    transaction: Uint8Array,
    options: SessionSendOptions | undefined,
  ): Promise<Uint8Array>
  /**
   * Sign In With Solana (`solana:signIn`), where the transport has it (MetaMask Mobile). `input` holds the
   * dapp's fields; the session fills `address` with its account and `domain` with the page's host.
   */
  signIn?(
    input: SessionSignInInput,
  ): Promise<{ address: string; publicKey: Uint8Array; signedMessage: Uint8Array; signature: Uint8Array }>
  /** Reports the session's lifecycle (account shared, paused, resumed, ended); returns the unsubscribe function. */
  watch(listener: (input: WalletMachineInput) => void): () => void
}

/** Loads the session of one wallet; called on first use, so its code (and the transport's) loads then. */
export type WalletSessionLoader = () => Promise<WalletSession>
