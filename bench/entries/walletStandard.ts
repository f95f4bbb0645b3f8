// @dapplink/wallet-standard: the one call a dapp adds; its wallet button (wallet-adapter, ...) lists the wallets.
import { registerDapplinkWallets } from '@dapplink/wallet-standard'

registerDapplinkWallets({
  appUrl: 'https://dapp.example',
  relay: { url: 'wss://relay.example' },
  metamask: {},
})
