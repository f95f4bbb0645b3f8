import type { ChannelStore } from '../store/ChannelStore.js'
import type { RelayQuotas } from './RelayQuotas.js'

/**
 * Releases the quota of counted channels the store no longer has (deleted through another node, or
 * expired there), at most `max` lookups per call, so an address's count cannot stay stuck at its cap.
 */
export async function reconcileChannels(
  quotas: RelayQuotas,
  store: ChannelStore,
  max: number,
): Promise<void> {
  for (const channel of quotas.countedChannels().slice(0, max)) {
    if ((await store.tokenHash(channel, 'dapp')) === null) quotas.channelGone(channel)
  }
}
