// A dapp that pairs with MetaMask Mobile (QR code) over the Mobile Wallet Protocol, signs a Solana message and
// an EVM personal_sign: the MetaMask code alone, as @dapplink/core/metamask ships it.
import {
  createEthereumProvider,
  createMetamaskSession,
  pickSolanaAccount,
  signSolanaMessage,
} from '@dapplink/core/metamask'

const session = createMetamaskSession({
  dapp: { name: 'Example dapp', url: 'https://dapp.example' },
  evmChainIds: [1],
})
session.watchState((state) => document.querySelector('#qr')?.setAttribute('data-uri', state.pairingUri ?? ''))

document.querySelector('button')?.addEventListener('click', async () => {
  await session.connect()
  const account = pickSolanaAccount(session)!
  console.log(
    'signed',
    (await signSolanaMessage(session, account, new TextEncoder().encode('Sign in'))).length,
  )
  const provider = createEthereumProvider(session)
  const [address] = (await provider.request({ method: 'eth_requestAccounts' })) as string[]
  console.log(await provider.request({ method: 'personal_sign', params: ['0x48656c6c6f', address] }))
})
