// MetaMask SDK: connect through its relay (QR code or deeplink), then sign a message.
import { MetaMaskSDK } from '@metamask/sdk'

const sdk = new MetaMaskSDK({ dappMetadata: { name: 'Example dapp', url: 'https://dapp.example' } })

document.querySelector('button')?.addEventListener('click', async () => {
  const accounts = await sdk.connect()
  const signature = await sdk
    .getProvider()
    ?.request({ method: 'personal_sign', params: ['0x48656c6c6f', accounts[0]] })
  console.log('signed', signature)
})
