// Solana Mobile's Wallet Standard wallet (Mobile Wallet Adapter): the one call that registers it.
import {
  createDefaultAuthorizationCache,
  createDefaultChainSelector,
  createDefaultWalletNotFoundHandler,
  registerMwa,
} from '@solana-mobile/wallet-standard-mobile'

registerMwa({
  appIdentity: { name: 'Example dapp', uri: 'https://dapp.example' },
  authorizationCache: createDefaultAuthorizationCache(),
  chains: ['solana:mainnet', 'solana:devnet'],
  chainSelector: createDefaultChainSelector(),
  onWalletNotFound: createDefaultWalletNotFoundHandler(),
})
