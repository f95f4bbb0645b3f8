import { DapplinkError } from '@dapplink/core'

/**
 * The wallet kit was set up in a way that would be unsafe or cannot work: e.g. `pairWithDapp` without the
 * `onRequest` approval callback, which would sign whatever a paired dapp asks.
 */
export class WalletConfigurationError extends DapplinkError {
  override name = 'WalletConfigurationError'
}
