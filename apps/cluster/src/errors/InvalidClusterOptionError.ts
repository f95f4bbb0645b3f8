import { DapplinkError } from '@dapplink/core'

/** A cluster option (CLI flag, environment variable or `startCluster` option) has a bad value. */
export class InvalidClusterOptionError extends DapplinkError {
  override name = 'InvalidClusterOptionError'
}
