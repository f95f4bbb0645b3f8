// A dapp that pairs with a wallet through the relay (QR code), then asks for a signature.
import { createRelaySession } from '@dapplink/core/relay'

const session = createRelaySession({
  relayUrl: 'wss://relay.dapp.example',
  app: { name: 'Example dapp', url: 'https://dapp.example' },
})

document.querySelector('#qr')?.setAttribute('data-uri', session.pairingUri)
session.watchState((state) => {
  document.title = `${state.status} ${state.verificationCode ?? ''}`
})

document.querySelector('button')?.addEventListener('click', async () => {
  const { accounts } = await session.connect()
  const { signature } = await session.signMessage(`Sign in as ${accounts[0]}`)
  console.log('signed', signature.length)
})
