// MetaMask's Wallet Standard wallet for Solana dapps: the one call that registers it.
import { createSolanaClient } from '@metamask/connect-solana'

void createSolanaClient({ dapp: { name: 'Example dapp', url: 'https://dapp.example' } })
