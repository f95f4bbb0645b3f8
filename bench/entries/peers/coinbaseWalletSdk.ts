// Coinbase Wallet SDK: connect (smart wallet popup or the mobile app), then sign a message.
import { createCoinbaseWalletSDK } from '@coinbase/wallet-sdk'

const sdk = createCoinbaseWalletSDK({ appName: 'Example dapp' })
const provider = sdk.getProvider()

document.querySelector('button')?.addEventListener('click', async () => {
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[]
  const signature = await provider.request({ method: 'personal_sign', params: ['0x48656c6c6f', accounts[0]] })
  console.log('signed', signature)
})
