import { encodeBase58, type WalletResponse } from '@dapplink/core'
import { useWallet, useWalletClient, useWalletResponse } from '@dapplink/vue'
import {
  airdropLamports,
  buildTransfer,
  clearResults,
  createClusterRpc,
  type DemoResults,
  loadResults,
  type PersonalSignResult,
  processWalletResponse,
  requestPersonalSign,
  saveResults,
  sessionStorageOrUndefined,
  transferLamports,
} from '@dapplink-app/demo-shared'
import nacl from 'tweetnacl'
import { ref, shallowRef, watch } from 'vue'

/** The demo's own state beside the wallet state: checked results, the balance, and its own errors. */
export function useDemoActions(rpcUrl: string) {
  const wallet = useWallet()
  const client = useWalletClient()
  const { publicKey } = wallet
  const rpc = createClusterRpc(rpcUrl)
  const results = shallowRef<DemoResults>({})
  const balance = ref<number | null>(null)
  const activity = ref<string | null>(null)
  const demoError = shallowRef<unknown>(null)
  const personalSign = shallowRef<PersonalSignResult | null>(null)

  // The client keeps the code for the whole relay session, as the wallet does.
  const { verificationCode } = wallet

  /** Runs a demo step; its error (wallet or cluster) is shown, never thrown into Vue. */
  async function run(label: string, step: () => Promise<unknown>) {
    demoError.value = null
    activity.value = label
    try {
      await step()
    } catch (error) {
      // A wallet error is also the client's `error`; the page shows it once (see ErrorBanner).
      demoError.value = error
    } finally {
      activity.value = null
    }
  }

  async function refreshBalance() {
    balance.value = publicKey.value ? await rpc.getBalance(publicKey.value) : null
  }

  // The account changed (connect, disconnect, or a restored deeplink session): show its balance.
  watch(
    publicKey,
    (account) => {
      results.value = account ? loadResults(sessionStorageOrUndefined(), account) : {}
      personalSign.value = null
      if (!account) balance.value = null
      else void run('Reading the balance', refreshBalance)
    },
    { immediate: true },
  )

  // Every answer, the relay's in this page and a deeplink's after the reload, with the context of its call.
  useWalletResponse((response: WalletResponse) => {
    const account = client.getState().publicKey
    if (!account || response.method === 'connect' || response.method === 'disconnect') return
    void run('Checking the wallet answer', async () => {
      const patch = await processWalletResponse({
        response,
        publicKey: account,
        rpc,
        encodeSignature: encodeBase58,
      })
      results.value = { ...results.value, ...patch }
      saveResults(sessionStorageOrUndefined(), account, results.value)
      if (patch.transfer) balance.value = patch.transfer.balanceAfter
    })
  })

  const newRecipient = () => encodeBase58(nacl.sign.keyPair().publicKey)

  // A request only asks: the answer comes back through useWalletResponse above, with its context.
  const actions = {
    disconnect: () => {
      clearResults(sessionStorageOrUndefined())
      results.value = {}
      demoError.value = null
      return wallet.disconnect()
    },
    cancel: () => {
      wallet.cancelPendingRequest()
      demoError.value = null
    },
    dismissError: () => {
      wallet.clearError()
      demoError.value = null
    },
    refreshBalance: () => run('Reading the balance', refreshBalance),
    airdrop: () =>
      run('Airdrop of 1 SOL', async () => {
        if (!publicKey.value) return
        await rpc.waitForSignature(await rpc.requestAirdrop(publicKey.value, airdropLamports))
        await refreshBalance()
      }),
    signMessage: (message: string) =>
      run('Waiting for the wallet to sign the message', () =>
        wallet.signMessage(message, { context: { method: 'signMessage', message } }),
      ),
    // EVM over the same MetaMask session: the client's EIP-1193 provider, checked in the page.
    evmPersonalSign: (message: string) =>
      run('Waiting for the wallet to sign with its Ethereum account', async () => {
        personalSign.value = await requestPersonalSign(client.getEthereumProvider(), message)
      }),
    signTransaction: () =>
      run('Waiting for the wallet to sign the transaction', async () => {
        const transaction = buildTransfer({
          from: publicKey.value!,
          to: newRecipient(),
          lamports: 1,
          recentBlockhash: await rpc.getLatestBlockhash(),
        })
        await wallet.signTransaction(transaction, { context: { method: 'signTransaction' } })
      }),
    signAllTransactions: () =>
      run('Waiting for the wallet to sign 2 transactions', async () => {
        const recentBlockhash = await rpc.getLatestBlockhash()
        const transactions = [1, 2].map((lamports) =>
          buildTransfer({ from: publicKey.value!, to: newRecipient(), lamports, recentBlockhash }),
        )
        await wallet.signAllTransactions(transactions, {
          context: { method: 'signAllTransactions', count: 2 },
        })
      }),
    signAndSendTransaction: () =>
      run('Preparing the transfer', async () => {
        const account = publicKey.value
        if (!account) return
        const balanceBefore = await rpc.getBalance(account)
        balance.value = balanceBefore
        const to = newRecipient()
        const transaction = buildTransfer({
          from: account,
          to,
          lamports: transferLamports,
          recentBlockhash: await rpc.getLatestBlockhash(),
        })
        activity.value = 'Waiting for the wallet to sign and send the transfer'
        await wallet.signAndSendTransaction(transaction, {
          context: {
            method: 'signAndSendTransaction',
            recipient: to,
            lamports: transferLamports,
            balanceBefore,
          },
        })
      }),
  }

  return { wallet, results, personalSign, balance, activity, demoError, actions, verificationCode }
}
