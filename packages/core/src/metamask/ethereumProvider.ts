import { DapplinkError } from '../errors/base.js'
import type { MetamaskSession } from './createMetamaskSession.js'
import { scopeAddresses } from './multichainApi.js'

// An EIP-1193 provider over the MetaMask session's EVM scopes: account and chain reads are answered from the
// session, everything else goes to the wallet as `wallet_invokeMethod` on the current `eip155:<chainId>`.

/** EIP-1193 events this provider emits. */
export type EthereumProviderEvent = 'accountsChanged' | 'chainChanged' | 'disconnect' | 'connect'

/** An EIP-1193 provider; works with viem's `custom()` transport and ethers' `BrowserProvider`. */
export type EthereumProvider = {
  request(args: { method: string; params?: unknown }): Promise<unknown>
  on(event: EthereumProviderEvent, listener: (...args: unknown[]) => void): EthereumProvider
  removeListener(event: EthereumProviderEvent, listener: (...args: unknown[]) => void): EthereumProvider
}

/** An EIP-1193 error (`code` 4001, 4100, 4200, 4900, 4902, ...). */
export class EthereumProviderError extends DapplinkError {
  override name = 'EthereumProviderError'
}

/**
 * The EIP-1193 provider of a MetaMask session (which must include EVM scopes, see `evmChainIds`).
 *
 * @example
 * const viemClient = createWalletClient({ transport: custom(createEthereumProvider(session)) })
 */
export function createEthereumProvider(session: MetamaskSession): EthereumProvider {
  const listeners = new Map<EthereumProviderEvent, Set<(...args: unknown[]) => void>>()
  const emit = (event: EthereumProviderEvent, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args)
  }
  const evmChains = () =>
    Object.keys(session.getState().sessionScopes)
      .filter((scope) => scope.startsWith('eip155:'))
      .map((scope) => Number(scope.slice('eip155:'.length)))
  let chainId: number | undefined
  const currentChain = () => {
    if (chainId === undefined || !evmChains().includes(chainId)) chainId = evmChains()[0]
    if (chainId === undefined)
      throw new EthereumProviderError('The MetaMask session has no EVM chain.', { code: 4900 })
    return chainId
  }
  const accounts = () =>
    evmChains().length === 0
      ? []
      : scopeAddresses(session.getState().sessionScopes, `eip155:${currentChain()}`)
  let lastAccounts = ''
  session.watchState((state) => {
    if (state.status === 'cleared') {
      emit(
        'disconnect',
        new EthereumProviderError('The MetaMask session ended.', { code: 4900, cause: state.error }),
      )
      return
    }
    const next = JSON.stringify(accounts())
    if (next !== lastAccounts && lastAccounts !== '') emit('accountsChanged', accounts())
    lastAccounts = next
  })
  session.onNotification((_, method, params) => {
    if (method !== 'metamask_chainChanged') return
    const next = Number((params as { chainId?: unknown } | null)?.chainId)
    if (Number.isSafeInteger(next) && next !== chainId && evmChains().includes(next)) {
      chainId = next
      emit('chainChanged', `0x${next.toString(16)}`)
    }
  })

  const provider: EthereumProvider = {
    async request({ method, params }) {
      if (session.getState().status === 'cleared')
        throw new EthereumProviderError('The MetaMask session ended.', { code: 4900 })
      switch (method) {
        case 'eth_accounts':
        case 'eth_requestAccounts':
          return accounts()
        case 'eth_chainId':
          return `0x${currentChain().toString(16)}`
        case 'net_version':
          return String(currentChain())
        case 'wallet_switchEthereumChain': {
          const requested = Number.parseInt(
            String((params as [{ chainId?: string }] | undefined)?.[0]?.chainId),
            16,
          )
          if (!evmChains().includes(requested))
            throw new EthereumProviderError(`Chain ${requested} is not in the MetaMask session.`, {
              code: 4902,
            })
          if (requested !== chainId) {
            chainId = requested
            emit('chainChanged', `0x${requested.toString(16)}`)
          }
          return null
        }
        default:
          return session.request('wallet_invokeMethod', {
            scope: `eip155:${currentChain()}`,
            request: { method, params: params ?? [] },
          })
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return provider
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener)
      return provider
    },
  }
  return provider
}
