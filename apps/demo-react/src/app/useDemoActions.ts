'use client'
import { encodeBase58, type WalletResponse } from '@dapplink/core'
import { useWallet, useWalletClient, useWalletResponse } from '@dapplink/react'
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
import { useCallback, useEffect, useMemo, useState } from 'react'
import nacl from 'tweetnacl'

/** The demo's own state beside the wallet state: checked results, the balance, and its own errors. */
export function useDemoActions(rpcUrl: string) {
  const wallet = useWallet()
  const client = useWalletClient()
  const { publicKey, verificationCode } = wallet
  const rpc = useMemo(() => createClusterRpc(rpcUrl), [rpcUrl])
  const [results, setResults] = useState<DemoResults>({})
  const [balance, setBalance] = useState<number | null>(null)
  const [activity, setActivity] = useState<string | null>(null)
  const [demoError, setDemoError] = useState<unknown>(null)
  const [personalSign, setPersonalSign] = useState<PersonalSignResult | null>(null)

  /** Runs a demo step; its error (wallet or cluster) is shown, never thrown into React. */
  const run = useCallback(async (label: string, step: () => Promise<unknown>) => {
    setDemoError(null)
    setActivity(label)
    try {
      await step()
    } catch (error) {
      // A wallet error is also the client's `error`; the page shows it once (see ErrorBanner).
      setDemoError(error)
    } finally {
      setActivity(null)
    }
  }, [])

  const refreshBalance = useCallback(async () => {
    if (!publicKey) return setBalance(null)
    setBalance(await rpc.getBalance(publicKey))
  }, [publicKey, rpc])

  // The account changed (connect, disconnect, or a restored deeplink session): show its balance.
  useEffect(() => {
    setResults(publicKey ? loadResults(sessionStorageOrUndefined(), publicKey) : {})
    setPersonalSign(null)
    if (!publicKey) return setBalance(null)
    void run('Reading the balance', refreshBalance)
  }, [publicKey, run, refreshBalance])

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
      setResults((previous) => {
        const next = { ...previous, ...patch }
        saveResults(sessionStorageOrUndefined(), account, next)
        return next
      })
      if (patch.transfer) setBalance(patch.transfer.balanceAfter)
    })
  })

  const transfer = useCallback(
    (from: string) => ({ to: encodeBase58(nacl.sign.keyPair().publicKey), from }),
    [],
  )

  // A request only asks: the answer comes back through useWalletResponse above, with its context.
  const actions = {
    disconnect: () => {
      clearResults(sessionStorageOrUndefined())
      setResults({})
      setDemoError(null)
      return wallet.disconnect()
    },
    cancel: () => {
      wallet.cancelPendingRequest()
      setDemoError(null)
    },
    dismissError: () => {
      wallet.clearError()
      setDemoError(null)
    },
    refreshBalance: () => run('Reading the balance', refreshBalance),
    airdrop: () =>
      run('Airdrop of 1 SOL', async () => {
        if (!publicKey) return
        await rpc.waitForSignature(await rpc.requestAirdrop(publicKey, airdropLamports))
        await refreshBalance()
      }),
    signMessage: (message: string) =>
      run('Waiting for the wallet to sign the message', () =>
        wallet.signMessage(message, { context: { method: 'signMessage', message } }),
      ),
    // EVM over the same MetaMask session: the client's EIP-1193 provider, checked in the page.
    evmPersonalSign: (message: string) =>
      run('Waiting for the wallet to sign with its Ethereum account', async () => {
        setPersonalSign(await requestPersonalSign(client.getEthereumProvider(), message))
      }),
    signTransaction: () =>
      run('Waiting for the wallet to sign the transaction', async () => {
        const { from, to } = transfer(publicKey!)
        const transaction = buildTransfer({
          from,
          to,
          lamports: 1,
          recentBlockhash: await rpc.getLatestBlockhash(),
        })
        await wallet.signTransaction(transaction, { context: { method: 'signTransaction' } })
      }),
    signAllTransactions: () =>
      run('Waiting for the wallet to sign 2 transactions', async () => {
        const recentBlockhash = await rpc.getLatestBlockhash()
        const transactions = [1, 2].map((lamports) =>
          buildTransfer({ ...transfer(publicKey!), lamports, recentBlockhash }),
        )
        await wallet.signAllTransactions(transactions, {
          context: { method: 'signAllTransactions', count: 2 },
        })
      }),
    signAndSendTransaction: () =>
      run('Preparing the transfer', async () => {
        if (!publicKey) return
        const balanceBefore = await rpc.getBalance(publicKey)
        setBalance(balanceBefore)
        const { from, to } = transfer(publicKey)
        const transaction = buildTransfer({
          from,
          to,
          lamports: transferLamports,
          recentBlockhash: await rpc.getLatestBlockhash(),
        })
        setActivity('Waiting for the wallet to sign and send the transfer')
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

  return { wallet, rpc, results, personalSign, balance, activity, demoError, actions, verificationCode }
}
