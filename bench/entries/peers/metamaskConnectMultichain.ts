// MetaMask Connect (multichain) 1.2: MetaMask's current dapp SDK over MWP, connect then a Solana signMessage.
import { createMultichainClient } from '@metamask/connect-multichain'

document.querySelector('button')?.addEventListener('click', async () => {
  const client = await createMultichainClient({
    dapp: { name: 'Example dapp', url: 'https://dapp.example' },
    api: { supportedNetworks: { 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp': 'https://rpc.example' } },
  })
  await client.connect(['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'], [])
  console.log(client)
})
