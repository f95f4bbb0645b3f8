import type { WalletClient } from '@dapplink/core'
import type { InjectionKey } from 'vue'

/** The injection key of the app's wallet client. */
export const dapplinkClientKey: InjectionKey<WalletClient> = Symbol('dapplink')
