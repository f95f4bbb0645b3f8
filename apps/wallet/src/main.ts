import './styles.css'
import { startWalletApp } from './app/startWalletApp.js'

startWalletApp({
  root: document.getElementById('app')!,
  storage: window.localStorage,
  href: window.location.href,
  defaultRpcUrl: import.meta.env['VITE_RPC_URL'] as string | undefined,
  defaultMwpRelayUrl: import.meta.env['VITE_MWP_RELAY_URL'] as string | undefined,
  navigate: (url) => window.location.assign(url),
  replaceUrl: (url) => window.history.replaceState(null, '', url),
  onFragmentChange: (listener) => window.addEventListener('hashchange', () => listener(window.location.href)),
})
