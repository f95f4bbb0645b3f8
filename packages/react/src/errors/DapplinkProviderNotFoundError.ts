import { DapplinkError } from '@dapplink/core'

/** A dapplink hook ran outside `<DapplinkProvider>`. */
export class DapplinkProviderNotFoundError extends DapplinkError {
  override name = 'DapplinkProviderNotFoundError'
  constructor() {
    super('useWallet must be used within <DapplinkProvider>.', {
      details:
        'Wrap your app (or the part that uses the wallet) in <DapplinkProvider config={...}> or <DapplinkProvider client={...}>.',
    })
  }
}
