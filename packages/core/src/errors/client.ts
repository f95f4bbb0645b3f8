import { DapplinkError, type DapplinkErrorParameters } from './base.js'

/** `connect()` was called without a wallet, and the config does not name exactly one. */
export class WalletNotSelectedError extends DapplinkError {
  override name = 'WalletNotSelectedError'
  constructor(parameters: DapplinkErrorParameters = {}) {
    super(
      "No wallet was chosen. Call connect({ wallet: 'phantom' }) for a deeplink wallet or connect({ transport: 'relay' }) for a QR pairing.",
      parameters,
    )
  }
}

/** `connect()` named a wallet profile the client does not know. */
export class UnknownWalletProfileError extends DapplinkError {
  override name = 'UnknownWalletProfileError'
  constructor(parameters: DapplinkErrorParameters & { wallet: string; known: readonly string[] }) {
    super(`The wallet profile "${parameters.wallet}" is unknown.`, {
      ...parameters,
      details:
        parameters.details ??
        `Known profiles: ${parameters.known.join(', ') || 'none'}. Pass a profile made with defineWalletProfile() in the client's \`wallets\` option.`,
    })
  }
}

/** `connect({ transport: 'relay' })` was called on a client created without a `relay` option. */
export class RelayNotConfiguredError extends DapplinkError {
  override name = 'RelayNotConfiguredError'
  constructor(parameters: DapplinkErrorParameters = {}) {
    super(
      "The relay is not configured. Create the client with createWalletClient({ relay: { url: 'wss://…' } }) to pair by QR code.",
      parameters,
    )
  }
}

/** `connect({ transport: 'metamask' })` was called on a client created without a `metamask` option. */
export class MetamaskNotConfiguredError extends DapplinkError {
  override name = 'MetamaskNotConfiguredError'
  constructor(parameters: DapplinkErrorParameters = {}) {
    super(
      'MetaMask pairing is not configured. Create the client with createWalletClient({ metamask: {} }) to pair with MetaMask Mobile.',
      parameters,
    )
  }
}

/** `getEthereumProvider()` needs a MetaMask session with EVM chains (`metamask: { evmChainIds }`). */
export class EthereumProviderUnavailableError extends DapplinkError {
  override name = 'EthereumProviderUnavailableError'
  constructor(parameters: DapplinkErrorParameters = {}) {
    super("No EIP-1193 provider: connect with { transport: 'metamask' } first.", parameters)
  }
}

/** The connection attempt was replaced by another `connect()` or ended by `disconnect()`. */
export class ConnectionCancelledError extends DapplinkError {
  override name = 'ConnectionCancelledError'
  constructor(parameters: DapplinkErrorParameters = {}) {
    super('The connection attempt was cancelled by a newer connect() or by disconnect().', parameters)
  }
}

/** Sending a signed transaction through the dapp's RPC endpoint failed, or it did not confirm in time. */
export class TransactionSendError extends DapplinkError {
  override name = 'TransactionSendError'
}
