import { registerDapplinkWallets } from '@dapplink/wallet-standard'
import { readDemoSettings, referenceWalletProfile } from '@dapplink-app/demo-shared'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import '@solana/wallet-adapter-react-ui/styles.css'

// Where the reference wallet, the relay and the local cluster are (demo plumbing, not dapplink).
const { settings } = readDemoSettings({
  search: window.location.search,
  env: import.meta.env,
  storage: window.sessionStorage,
})

// MetaMask's relay here is the local stand-in (apps/mwp-relay, MWP_RELAY_PORT 8790); ?mwpRelayUrl= overrides it.
const mwpRelayUrl =
  new URLSearchParams(window.location.search).get('mwpRelayUrl') ??
  (import.meta.env['VITE_MWP_RELAY_URL'] as string | undefined) ??
  'ws://127.0.0.1:8790/connection/websocket'

// The only dapplink code of this dapp: wallet-adapter's button lists the wallets it registers.
const { watchDeeplinkAnswers } = registerDapplinkWallets({
  appUrl: window.location.origin,
  appName: 'dapplink wallet-adapter demo',
  relay: { url: settings.relayUrl, walletLinkBaseUrl: `${settings.walletUrl}/ul/v1/` },
  // "MetaMask Mobile (QR)": MetaMask's Mobile Wallet Protocol (the reference wallet answers it too).
  metamask: { relayUrl: mwpRelayUrl },
  // wallet-adapter names a 127.0.0.1 RPC endpoint solana:localnet.
  chains: ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'],
  // On phones without their injected wallet: the three built-in deeplink wallets, and the reference wallet
  // (apps/wallet speaks Phantom's deeplink format).
  deeplink: { wallets: ['phantom', 'solflare', 'backpack', referenceWalletProfile(settings.walletUrl)] },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App rpcUrl={settings.rpcUrl} watchDeeplinkAnswers={watchDeeplinkAnswers} />
  </StrictMode>,
)
