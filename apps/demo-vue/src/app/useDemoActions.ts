import { encodeBase58, type WalletResponse } from '@dapplink/core'
import { useWallet } from '@dapplink/vue'
import {
  airdropLamports,
  buildTransfer,
  clearResults,
  createClusterRpc,
  type DemoResults,
  loadResults,
  type PendingAction,
  processWalletResponse,
  savePendingAction,
  saveResults,
  sessionStorageOrUndefined,
  takePendingAction,
  transferLamports,
} from '@dapplink-app/demo-shared'
import nacl from 'tweetnacl'
import { ref, shallowRef, watch } from 'vue'

/** The demo's own state beside the wallet state: checked results, the balance, and its own errors. */
export function useDemoActions(rpcUrl: string) {
  const wallet = useWallet()
  const { publicKey, lastResponse } = wallet
  const rpc = createClusterRpc(rpcUrl)
  const results = shallowRef<DemoResults>({})
  const balance = ref<number | null>(null)
  const activity = ref<string | null>(null)
  const demoError = shallowRef<unknown>(null)

  // The client keeps the code for the whole relay session, as the wallet does.
  const { verificationCode } = wallet

  /** Runs a demo step; its error (wallet or cluster) is shown, never thrown into Vue. */
  async function run(label: string, step: () => Promise<void>) {
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

  async function apply(response: WalletResponse, pending: PendingAction | null) {
    const account = publicKey.value
    if (!account) return
    const patch = await processWalletResponse({
      response,
      pending,
      publicKey: account,
      rpc,
      encodeSignature: encodeBase58,
    })
    results.value = { ...results.value, ...patch }
    saveResults(sessionStorageOrUndefined(), account, results.value)
    if (patch.transfer) balance.value = patch.transfer.balanceAfter
  }

  // The account changed (connect, disconnect, or a restored deeplink session): show its balance.
  watch(
    publicKey,
    (account) => {
      results.value = account ? loadResults(sessionStorageOrUndefined(), account) : {}
      if (!account) balance.value = null
      else void run('Reading the balance', refreshBalance)
    },
    { immediate: true },
  )

  // A deeplink answer delivered on this page load.
  watch(
    [lastResponse, publicKey],
    ([response, account]) => {
      if (!response || !account) return
      const pending = response.method === 'connect' ? null : takePendingAction(sessionStorageOrUndefined())
      wallet.clearLastResponse()
      void run('Checking the wallet answer', () => apply(response, pending))
    },
    { immediate: true },
  )

  /** Sends a request; a relay answer is checked here, a deeplink one after the page comes back. */
  function request(label: string, pending: PendingAction, send: () => Promise<WalletResponse>) {
    return run(label, async () => {
      savePendingAction(sessionStorageOrUndefined(), pending)
      const response = await send()
      await apply(response, takePendingAction(sessionStorageOrUndefined()))
    })
  }

  const newRecipient = () => encodeBase58(nacl.sign.keyPair().publicKey)

  const actions = {
    disconnect: () => {
      clearResults(sessionStorageOrUndefined())
      results.value = {}
      return wallet.disconnect()
    },
    refreshBalance: () => run('Reading the balance', refreshBalance),
    airdrop: () =>
      run('Airdrop of 1 SOL', async () => {
        if (!publicKey.value) return
        await rpc.waitForSignature(await rpc.requestAirdrop(publicKey.value, airdropLamports))
        await refreshBalance()
      }),
    signMessage: (message: string) =>
      request('Waiting for the wallet to sign the message', { method: 'signMessage', message }, async () => ({
        method: 'signMessage',
        signature: await wallet.signMessage(message),
      })),
    signTransaction: () =>
      request('Waiting for the wallet to sign the transaction', { method: 'signTransaction' }, async () => {
        const transaction = buildTransfer({
          from: publicKey.value!,
          to: newRecipient(),
          lamports: 1,
          recentBlockhash: await rpc.getLatestBlockhash(),
        })
        const signed = await wallet.signTransaction(transaction)
        return {
          method: 'signTransaction',
          transaction: signed.serialize({ requireAllSignatures: false, verifySignatures: false }),
        }
      }),
    signAllTransactions: () =>
      request(
        'Waiting for the wallet to sign 2 transactions',
        { method: 'signAllTransactions', count: 2 },
        async () => {
          const recentBlockhash = await rpc.getLatestBlockhash()
          const transactions = [1, 2].map((lamports) =>
            buildTransfer({ from: publicKey.value!, to: newRecipient(), lamports, recentBlockhash }),
          )
          const signed = await wallet.signAllTransactions(transactions)
          return {
            method: 'signAllTransactions',
            transactions: signed.map((each) =>
              each.serialize({ requireAllSignatures: false, verifySignatures: false }),
            ),
          }
        },
      ),
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
        await request(
          'Waiting for the wallet to sign and send the transfer',
          { method: 'signAndSendTransaction', recipient: to, lamports: transferLamports, balanceBefore },
          async () => ({
            method: 'signAndSendTransaction',
            ...(await wallet.signAndSendTransaction(transaction)),
          }),
        )
      }),
  }

  return { wallet, results, balance, activity, demoError, actions, verificationCode }
}
