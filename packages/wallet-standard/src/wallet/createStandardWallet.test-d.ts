import type {
  SolanaSignAndSendTransactionFeature,
  SolanaSignInFeature,
  SolanaSignMessageFeature,
  SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features'
import type { Wallet, WalletWithFeatures } from '@wallet-standard/base'
import type {
  StandardConnectFeature,
  StandardDisconnectFeature,
  StandardEventsFeature,
} from '@wallet-standard/features'
import { expectTypeOf, test } from 'vitest'
import { registerDapplinkWallets } from '../registerDapplinkWallets.js'
import {
  createStandardWallet,
  type DapplinkSignInWallet,
  type DapplinkStandardWallet,
} from './createStandardWallet.js'

test('a dapplink wallet is a Wallet Standard wallet with the standard and Solana features', () => {
  expectTypeOf<DapplinkStandardWallet>().toExtend<Wallet>()
  expectTypeOf<DapplinkStandardWallet>().toExtend<
    WalletWithFeatures<
      StandardConnectFeature &
        StandardDisconnectFeature &
        StandardEventsFeature &
        SolanaSignMessageFeature &
        SolanaSignTransactionFeature &
        SolanaSignAndSendTransactionFeature
    >
  >()
  expectTypeOf(registerDapplinkWallets)
    .returns.toHaveProperty('wallets')
    .toEqualTypeOf<readonly DapplinkStandardWallet[]>()
})

test('the feature methods take and return the standard inputs and outputs', () => {
  type Features = DapplinkStandardWallet['features']
  expectTypeOf<Features['standard:connect']['connect']>().toEqualTypeOf<
    StandardConnectFeature['standard:connect']['connect']
  >()
  expectTypeOf<Features['solana:signMessage']['signMessage']>().toEqualTypeOf<
    SolanaSignMessageFeature['solana:signMessage']['signMessage']
  >()
  expectTypeOf<Features['solana:signAndSendTransaction']['signAndSendTransaction']>().toEqualTypeOf<
    SolanaSignAndSendTransactionFeature['solana:signAndSendTransaction']['signAndSendTransaction']
  >()
})

test('the MetaMask Mobile wallet (signIn: true) has solana:signIn as well; the others may lack it', () => {
  const parameters = {
    name: 'W',
    icon: 'data:image/svg+xml;base64,' as const,
    chains: [],
    loadSession: async () => ({}) as never,
  }
  const withSignIn = createStandardWallet({ ...parameters, signIn: true })
  expectTypeOf(withSignIn).toEqualTypeOf<DapplinkSignInWallet>()
  expectTypeOf(withSignIn).toExtend<
    WalletWithFeatures<
      StandardConnectFeature &
        StandardDisconnectFeature &
        StandardEventsFeature &
        SolanaSignMessageFeature &
        SolanaSignTransactionFeature &
        SolanaSignAndSendTransactionFeature &
        SolanaSignInFeature
    >
  >()
  expectTypeOf<DapplinkSignInWallet['features']['solana:signIn']['signIn']>().toEqualTypeOf<
    SolanaSignInFeature['solana:signIn']['signIn']
  >()
  const withoutSignIn = createStandardWallet(parameters)
  expectTypeOf(withoutSignIn).toEqualTypeOf<DapplinkStandardWallet>()
  expectTypeOf(withoutSignIn).not.toExtend<WalletWithFeatures<SolanaSignInFeature>>()
  expectTypeOf(withoutSignIn.features['solana:signIn']).toEqualTypeOf<
    SolanaSignInFeature['solana:signIn'] | undefined
  >()
})
