import { DapplinkError } from '@dapplink/core'

/** A dapplink composable ran in an app without the plugin, or outside a component's `setup`. */
export class DapplinkPluginNotFoundError extends DapplinkError {
  override name = 'DapplinkPluginNotFoundError'
  constructor() {
    super(
      'useWallet found no dapplink client. Install the plugin with app.use(DapplinkPlugin, { config }).',
      {
        details:
          'Call useWallet() inside setup() (or another injection context) of an app that installed DapplinkPlugin.',
      },
    )
  }
}
