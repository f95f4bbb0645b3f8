'use client'
import { encodeBase58, type WalletResponse } from '@dapplink/core'
import { useWallet } from '@dapplink/react'
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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import nacl from 'tweetnacl'

/** The demo's own state beside the wallet state: checked results, the balance, and its own errors. */
export function useDemoActions(rpcUrl: string) {
  const wallet = useWallet()
  const { publicKey, lastResponse, clearLastResponse, verificationCode } = wallet
  const rpc = useMemo(() => createClusterRpc(rpcUrl), [rpcUrl])
  const [results, setResults] = useState<DemoResults>({})
  const [balance, setBalance] = useState<number | null>(null)
  const [activity, setActivity] = useState<string | null>(null)
  const [demoError, setDemoError] = useState<unknown>(null)

  /** Runs a demo step; its error (wallet or cluster) is shown, never thrown into React. */
  const run = useCallback(async (label: string, step: () => Promise<void>) => {
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

  const apply = useCallback(
    async (response: WalletResponse, pending: PendingAction | null) => {
      if (!publicKey) return
      const patch = await processWalletResponse({
        response,
        pending,
        publicKey,
        rpc,
        encodeSignature: encodeBase58,
      })
      setResults((previous) => {
        const next = { ...previous, ...patch }
        saveResults(sessionStorageOrUndefined(), publicKey, next)
        return next
      })
      if (patch.transfer) setBalance(patch.transfer.balanceAfter)
    },
    [publicKey, rpc],
  )

  // The account changed (connect, disconnect, or a restored deeplink session): show its balance.
  useEffect(() => {
    setResults(publicKey ? loadResults(sessionStorageOrUndefined(), publicKey) : {})
    if (!publicKey) return setBalance(null)
    void run('Reading the balance', refreshBalance)
  }, [publicKey, run, refreshBalance])

  // A deeplink answer delivered on this page load. StrictMode runs effects twice: handle each answer once.
  const handled = useRef<WalletResponse | null>(null)
  useEffect(() => {
    if (!lastResponse || !publicKey || handled.current === lastResponse) return
    handled.current = lastResponse
    const pending = lastResponse.method === 'connect' ? null : takePendingAction(sessionStorageOrUndefined())
    clearLastResponse()
    void run('Checking the wallet answer', () => apply(lastResponse, pending))
  }, [lastResponse, publicKey, clearLastResponse, run, apply])

  /** Sends a request; a relay answer is checked here, a deeplink one after the page comes back. */
  const request = useCallback(
    (label: string, pending: PendingAction, send: () => Promise<WalletResponse>) =>
      run(label, async () => {
        savePendingAction(sessionStorageOrUndefined(), pending)
        const response = await send()
        await apply(response, takePendingAction(sessionStorageOrUndefined()))
      }),
    [run, apply],
  )

  const transfer = useCallback(
    (from: string) => ({ to: encodeBase58(nacl.sign.keyPair().publicKey), from }),
    [],
  )

  const actions = {
    disconnect: () => {
      clearResults(sessionStorageOrUndefined())
      setResults({})
      return wallet.disconnect()
    },
    refreshBalance: () => run('Reading the balance', refreshBalance),
    airdrop: () =>
      run('Airdrop of 1 SOL', async () => {
        if (!publicKey) return
        await rpc.waitForSignature(await rpc.requestAirdrop(publicKey, airdropLamports))
        await refreshBalance()
      }),
    signMessage: (message: string) =>
      request('Waiting for the wallet to sign the message', { method: 'signMessage', message }, async () => ({
        method: 'signMessage',
        signature: await wallet.signMessage(message),
      })),
    signTransaction: () =>
      request('Waiting for the wallet to sign the transaction', { method: 'signTransaction' }, async () => {
        const { from, to } = transfer(publicKey!)
        const transaction = buildTransfer({
          from,
          to,
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
            buildTransfer({ ...transfer(publicKey!), lamports, recentBlockhash }),
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

  return {
    wallet,
    rpc,
    results,
    balance,
    activity,
    demoError,
    actions,
    verificationCode,
  }
}
