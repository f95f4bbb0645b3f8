import type { RegisterDapplinkWalletsReturnType } from '@dapplink/wallet-standard'
import {
  airdropLamports,
  buildTransfer,
  createClusterRpc,
  defaultMessage,
  transferLamports,
} from '@dapplink-app/demo-shared'
import type { WalletError } from '@solana/wallet-adapter-base'
import { ConnectionProvider, useConnection, useWallet, WalletProvider } from '@solana/wallet-adapter-react'
import { WalletModalProvider, WalletMultiButton } from '@solana/wallet-adapter-react-ui'
import { Keypair } from '@solana/web3.js'
import { useCallback, useEffect, useMemo, useState } from 'react'
import nacl from 'tweetnacl'

/** What the dapp shows after a failed action: the wallet-adapter error and the wallet's own error inside it. */
type ShownError = { name: string; innerName: string | null; code: number | null; message: string }

function toShownError(error: unknown): ShownError {
  const outer = error as Partial<WalletError> & { name?: string; message?: string }
  const inner = (outer.error ?? null) as { name?: string; code?: number; message?: string } | null
  return {
    name: outer.name ?? 'Error',
    innerName: inner?.name ?? null,
    code: typeof inner?.code === 'number' ? inner.code : null,
    message: inner?.message ?? outer.message ?? String(error),
  }
}

type WatchDeeplinkAnswers = RegisterDapplinkWalletsReturnType['watchDeeplinkAnswers']

function Panel({
  onError,
  watchDeeplinkAnswers,
}: {
  onError: (error: ShownError | null) => void
  watchDeeplinkAnswers: WatchDeeplinkAnswers
}) {
  const { connection } = useConnection()
  const { publicKey, connected, signMessage, sendTransaction, disconnect, wallet } = useWallet()
  const [verified, setVerified] = useState<boolean | null>(null)
  const [balance, setBalance] = useState<number | null>(null)
  const [transfer, setTransfer] = useState<{ signature: string; recipient: string } | null>(null)
  // A deeplink wallet answers a sign request after the page loads again: the promise of signMessage never
  // settled (the page had left for the wallet), so the signature arrives here.
  const [deeplinkSignature, setDeeplinkSignature] = useState<Uint8Array | null>(null)
  useEffect(
    () =>
      watchDeeplinkAnswers((answer) => {
        if ('error' in answer) onError(toShownError(answer.error))
        else if (answer.response.method === 'signMessage')
          setDeeplinkSignature(answer.response.result.signature)
      }),
    [watchDeeplinkAnswers, onError],
  )
  useEffect(() => {
    if (!deeplinkSignature || !publicKey) return
    const message = new TextEncoder().encode(defaultMessage)
    setVerified(nacl.sign.detached.verify(message, deeplinkSignature, publicKey.toBytes()))
  }, [deeplinkSignature, publicKey])

  const run = useCallback(
    async (action: () => Promise<void>) => {
      onError(null)
      try {
        await action()
      } catch (error) {
        onError(toShownError(error))
      }
    },
    [onError],
  )

  // The local cluster has no websocket: confirmations poll over plain JSON-RPC.
  const cluster = useMemo(() => createClusterRpc(connection.rpcEndpoint), [connection])
  const refreshBalance = async () => {
    if (publicKey) setBalance(await cluster.getBalance(publicKey.toBase58()))
  }

  return (
    <section>
      <p>
        Status:{' '}
        <output data-testid="status" data-status={connected ? 'connected' : 'disconnected'}>
          {connected ? 'connected' : 'disconnected'}
        </output>
      </p>
      <p>
        Wallet: <output data-testid="wallet-name">{wallet?.adapter.name ?? '—'}</output>
      </p>
      <p>
        Account: <output data-testid="public-key">{publicKey?.toBase58() ?? '—'}</output>
      </p>
      <p>
        Balance:{' '}
        <output data-testid="balance" data-lamports={balance ?? ''}>
          {balance === null ? '—' : `${balance / 1e9} SOL`}
        </output>
      </p>
      <div className="actions">
        <button
          type="button"
          data-testid="airdrop"
          disabled={!publicKey}
          onClick={() =>
            run(async () => {
              const signature = await cluster.requestAirdrop(publicKey!.toBase58(), airdropLamports)
              await cluster.waitForSignature(signature)
              await refreshBalance()
            })
          }
        >
          Airdrop 1 SOL
        </button>
        <button
          type="button"
          data-testid="sign-message"
          disabled={!publicKey || !signMessage}
          onClick={() =>
            run(async () => {
              setVerified(null)
              const message = new TextEncoder().encode(defaultMessage)
              const signature = await signMessage!(message)
              setVerified(nacl.sign.detached.verify(message, signature, publicKey!.toBytes()))
            })
          }
        >
          Sign message
        </button>
        <button
          type="button"
          data-testid="send-transfer"
          disabled={!publicKey}
          onClick={() =>
            run(async () => {
              setTransfer(null)
              const recipient = Keypair.generate().publicKey.toBase58()
              const transaction = buildTransfer({
                from: publicKey!.toBase58(),
                to: recipient,
                lamports: transferLamports,
                recentBlockhash: await cluster.getLatestBlockhash(),
              })
              // wallet-adapter's own path: solana:signAndSendTransaction on the chain of `connection`.
              const signature = await sendTransaction(transaction, connection)
              await cluster.waitForSignature(signature)
              setTransfer({ signature, recipient })
              await refreshBalance()
            })
          }
        >
          Send 0.01 SOL
        </button>
        <button type="button" data-testid="disconnect" disabled={!connected} onClick={() => run(disconnect)}>
          Disconnect
        </button>
      </div>
      {verified !== null && (
        <p data-testid="message-verified" data-verified={String(verified)}>
          {verified ? 'Signature verified' : 'Signature does NOT verify'}
        </p>
      )}
      {transfer && (
        <p data-testid="transfer" data-signature={transfer.signature} data-recipient={transfer.recipient}>
          Sent 0.01 SOL to {transfer.recipient}
        </p>
      )}
    </section>
  )
}

/** wallet-adapter's own provider, modal and button; dapplink's wallets arrive through the Wallet Standard. */
export function App({
  rpcUrl,
  watchDeeplinkAnswers,
}: {
  rpcUrl: string
  watchDeeplinkAnswers: WatchDeeplinkAnswers
}) {
  const [error, setError] = useState<ShownError | null>(null)
  const onError = useCallback((walletError: WalletError) => {
    // autoConnect after a reload: a QR code (relay) session never survives a page load, so the silent
    // connect finds no account and wallet-adapter reports WalletAccountError, then forgets the wallet.
    // Nothing failed that the user asked for: not shown.
    if (walletError.name === 'WalletAccountError') return
    setError(toShownError(walletError))
  }, [])
  return (
    <ConnectionProvider endpoint={rpcUrl}>
      <WalletProvider wallets={[]} autoConnect onError={onError}>
        <WalletModalProvider>
          <main>
            <h1>dapplink · wallet-adapter demo</h1>
            <WalletMultiButton />
            <Panel onError={setError} watchDeeplinkAnswers={watchDeeplinkAnswers} />
            {error && (
              <p
                role="alert"
                data-testid="error"
                data-name={error.name}
                data-inner-name={error.innerName ?? ''}
                data-code={error.code ?? ''}
              >
                {error.message}
              </p>
            )}
          </main>
        </WalletModalProvider>
      </WalletProvider>
    </ConnectionProvider>
  )
}
