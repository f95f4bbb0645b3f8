// The whole SDK under React with all three transports: deeplink wallets, the lazy relay chunk and the lazy
// MetaMask chunk. react, react-dom and react/jsx-runtime are external (the dapp has them anyway).
import { DapplinkProvider, useWallet } from '@dapplink/react'
import { createRoot } from 'react-dom/client'

function ConnectButton() {
  const { connected, publicKey, connect, signMessage, pairingUri } = useWallet()
  if (!connected) {
    return (
      <div>
        <button type="button" onClick={() => connect({ wallet: 'phantom' })}>
          Phantom
        </button>
        <button type="button" onClick={() => connect({ transport: 'relay' })}>
          QR code
        </button>
        <button type="button" onClick={() => connect({ transport: 'metamask' })}>
          MetaMask Mobile
        </button>
        {pairingUri && <code>{pairingUri}</code>}
      </div>
    )
  }
  return (
    <button type="button" onClick={() => signMessage('Sign in to dapp.example')}>
      Sign as {publicKey}
    </button>
  )
}

createRoot(document.getElementById('app')!).render(
  <DapplinkProvider
    config={{ appUrl: 'https://dapp.example', relay: { url: 'wss://relay.dapp.example' }, metamask: {} }}
  >
    <ConnectButton />
  </DapplinkProvider>,
)
