// Solana wallet adapter for Phantom (the injected extension or its in-app browser): connect, sign a message.
import { PhantomWalletAdapter } from '@solana/wallet-adapter-phantom'

const adapter = new PhantomWalletAdapter()

document.querySelector('button')?.addEventListener('click', async () => {
  await adapter.connect()
  const signature = await adapter.signMessage(new TextEncoder().encode('Hello'))
  console.log('signed', adapter.publicKey?.toBase58(), signature.length)
})
