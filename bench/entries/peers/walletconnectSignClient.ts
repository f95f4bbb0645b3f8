// WalletConnect sign-client: pair through its relay (QR code), then ask a Solana wallet to sign a message.
import SignClient from '@walletconnect/sign-client'

document.querySelector('button')?.addEventListener('click', async () => {
  const client = await SignClient.init({
    projectId: 'example',
    metadata: { name: 'Example dapp', description: 'Example', url: 'https://dapp.example', icons: [] },
  })
  const chainId = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'
  const { uri, approval } = await client.connect({
    requiredNamespaces: { solana: { chains: [chainId], methods: ['solana_signMessage'], events: [] } },
  })
  document.querySelector('#qr')?.setAttribute('data-uri', uri ?? '')
  const session = await approval()
  const signature = await client.request({
    topic: session.topic,
    chainId,
    request: { method: 'solana_signMessage', params: { message: 'Hello', pubkey: '' } },
  })
  console.log('signed', signature)
})
