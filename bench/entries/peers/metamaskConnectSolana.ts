// MetaMask Connect for Solana 2.1: registers MetaMask with the wallet standard (over MWP on a desktop).
import { createSolanaClient } from '@metamask/connect-solana'

document.querySelector('button')?.addEventListener('click', async () => {
  const client = await createSolanaClient({
    dapp: { name: 'Example dapp', url: 'https://dapp.example' },
    api: { supportedNetworks: { mainnet: 'https://rpc.example' } },
  })
  console.log(client)
})
