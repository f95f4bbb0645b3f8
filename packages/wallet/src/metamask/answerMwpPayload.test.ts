import { keccak_256 } from '@noble/hashes/sha3'
import { recoverPublicKey } from '@noble/secp256k1'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { Keypair, legacyTransfer, PublicKey, Transaction } from '../test/transactions.js'
import { answerMwpPayload, type MwpAnswerContext } from './answerMwpPayload.js'
import { MwpSenderMissingError } from './errors.js'
import { evmAddress } from './evmSigner.js'
import type { MultichainSessionState } from './multichainSession.js'
import { solanaScopes } from './multichainSession.js'
import type { MwpWalletRequest } from './mwpWalletRequest.js'
import { createSiwsMessageText } from './siwsMessage.js'

const account = nacl.sign.keyPair()
const address = bs58.encode(account.publicKey)
const evmSecretKey = new Uint8Array(32).fill(9)
const mainnet = solanaScopes.mainnet

function setup(options: { approve?: boolean; sendTransaction?: MwpAnswerContext['sendTransaction'] } = {}) {
  let state: MultichainSessionState = { step: 'none' }
  const asked: MwpWalletRequest[] = []
  const reported: Error[] = []
  const evm = { address: evmAddress(evmSecretKey), secretKey: evmSecretKey, chainId: 1 }
  const context: MwpAnswerContext = {
    dapp: { name: 'Dapp', url: 'https://dapp.example' },
    capabilities: {
      solana: { scopes: [mainnet], addresses: [address] },
      evm: { scopes: ['eip155:1'], addresses: [evm.address] },
    },
    solanaKeys: new Map([[address, account.secretKey]]),
    evm,
    onRequest: (request) => {
      asked.push(request)
      return options.approve ?? true
    },
    sendTransaction: options.sendTransaction,
    getState: () => state,
    setState: (next) => {
      state = next
    },
    reportError: (error) => reported.push(error),
  }
  let id = 0
  const call = async (method: string, params?: unknown, name = 'metamask-multichain-provider') => {
    const answers = (await answerMwpPayload(
      { name, data: { jsonrpc: '2.0', id: ++id, method, params } },
      context,
    )) as {
      data: { result?: unknown; error?: { code: number; message: string } }
    }[]
    expect(answers).toHaveLength(1)
    return answers[0]?.data ?? {}
  }
  const invoke = (method: string, params: unknown, scope: string = mainnet) =>
    call('wallet_invokeMethod', { scope, request: { method, params } })
  const createSession = () => call('wallet_createSession', { optionalScopes: { [mainnet]: {} } })
  return { context, asked, reported, call, invoke, createSession, evm, getState: () => state }
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe('answerMwpPayload', () => {
  it('drops payloads that are not requests, and answers a request without a method with -32600', async () => {
    const { context } = setup()
    expect(await answerMwpPayload('hello', context)).toEqual([])
    expect(await answerMwpPayload({ name: 'other', data: { id: 1, method: 'x' } }, context)).toEqual([])
    expect(await answerMwpPayload({ name: 'metamask-provider', data: { method: 'x' } }, context)).toEqual([])
    expect(
      await answerMwpPayload({ name: 'metamask-provider', data: { id: 1, method: 5 } }, context),
    ).toMatchObject([{ data: { id: 1, error: { code: -32600 } } }])
  })

  it('answers 4001 when the user rejects, and keeps no session', async () => {
    const { createSession, getState, asked } = setup({ approve: false })
    expect(await createSession()).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: 4001, message: 'User rejected the request.' },
    })
    expect(getState()).toEqual({ step: 'none' })
    expect(asked.map((request) => request.kind)).toEqual(['createSession'])
  })

  it('treats anything but an explicit true as a rejection', async () => {
    const { context, createSession } = setup()
    context.onRequest = (() => 'yes') as unknown as MwpAnswerContext['onRequest']
    expect((await createSession()).error?.code).toBe(4001)
  })

  it('answers getSession and revokeSession, and 4100 for calls outside the session', async () => {
    const { call, invoke, createSession } = setup()
    expect((await call('wallet_getSession')).result).toEqual({ sessionScopes: {} })
    expect(
      (await invoke('signMessage', { message: base64(new Uint8Array(8)), account: { address } })).error?.code,
    ).toBe(4100)
    await createSession()
    expect(Object.keys((await call('wallet_getSession')).result as object)).toEqual(['sessionScopes'])
    expect((await call('wallet_revokeSession')).result).toBe(true)
    expect((await call('wallet_getSession')).result).toEqual({ sessionScopes: {} })
    expect((await call('wallet_unknown')).error?.code).toBe(-32601)
  })

  it('signs messages (and refuses 1–2 byte ones, like the snap) and accounts not in the session', async () => {
    const { invoke, createSession } = setup()
    await createSession()
    const message = new TextEncoder().encode('hello dapp')
    const signed = (await invoke('signMessage', { message: base64(message), account: { address } }))
      .result as {
      signature: string
      signedMessage: string
    }
    expect(nacl.sign.detached.verify(message, bs58.decode(signed.signature), account.publicKey)).toBe(true)
    expect(signed.signedMessage).toBe(base64(message))
    expect(
      (await invoke('signMessage', { message: base64(new Uint8Array(2)), account: { address } })).error?.code,
    ).toBe(-32602)
    const stranger = bs58.encode(nacl.sign.keyPair().publicKey)
    expect(
      (await invoke('signMessage', { message: base64(message), account: { address: stranger } })).error?.code,
    ).toBe(4100)
    expect((await invoke('signMessage', { message: 'not base64!', account: { address } })).error?.code).toBe(
      -32602,
    )
  })

  it('refuses a transaction message sent as signMessage before asking the user, as the other paths do', async () => {
    const { invoke, createSession, asked } = setup()
    await createSession()
    const transfer = Transaction.from(legacyTransfer(new PublicKey(account.publicKey)))
    const answer = await invoke('signMessage', {
      message: base64(transfer.serializeMessage()),
      account: { address },
    })
    expect(answer.error?.code).toBe(-32602)
    expect(answer.error?.message).toMatch(/transaction message/)
    expect(asked.filter((request) => request.kind === 'signMessage')).toHaveLength(0)
  })

  it('signs a transaction in place, verifiable by @solana/web3.js', async () => {
    const { invoke, createSession } = setup()
    await createSession()
    const unsigned = legacyTransfer(new PublicKey(account.publicKey))
    const answer = await invoke('signTransaction', {
      transaction: base64(unsigned),
      account: { address },
      scope: mainnet,
    })
    const signed = Transaction.from(
      Buffer.from((answer.result as { signedTransaction: string }).signedTransaction, 'base64'),
    )
    expect(signed.verifySignatures()).toBe(true)
    const foreign = legacyTransfer(Keypair.generate().publicKey)
    expect(
      (await invoke('signTransaction', { transaction: base64(foreign), account: { address } })).error?.code,
    ).toBe(-32602)
  })

  it('refuses signAndSendTransaction without a sender (typed error, before asking the user)', async () => {
    const { invoke, createSession, reported, asked } = setup()
    await createSession()
    const unsigned = legacyTransfer(new PublicKey(account.publicKey))
    const answer = await invoke('signAndSendTransaction', {
      transaction: base64(unsigned),
      account: { address },
    })
    expect(answer.error?.code).toBe(-32603)
    expect(reported[0]).toBeInstanceOf(MwpSenderMissingError)
    expect(asked.map((request) => request.kind)).toEqual(['createSession'])
  })

  it('sends through the injected sender and answers its signature; a failing send is -32003', async () => {
    const sent: Uint8Array[] = []
    const { invoke, createSession } = setup({
      sendTransaction: async (signed) => {
        sent.push(signed)
        return bs58.encode(signed.subarray(1, 65))
      },
    })
    await createSession()
    const unsigned = legacyTransfer(new PublicKey(account.publicKey))
    const answer = await invoke('signAndSendTransaction', {
      transaction: base64(unsigned),
      account: { address },
    })
    expect(Transaction.from(Buffer.from(sent[0] ?? [])).verifySignatures()).toBe(true)
    expect(answer.result).toEqual({ signature: bs58.encode((sent[0] ?? new Uint8Array()).subarray(1, 65)) })
    const failing = setup({
      sendTransaction: async () => {
        throw new Error('blockhash not found')
      },
    })
    await failing.createSession()
    const failed = await failing.invoke('signAndSendTransaction', {
      transaction: base64(unsigned),
      account: { address },
    })
    expect(failed.error).toEqual({ code: -32003, message: 'Transaction rejected: blockhash not found' })
  })

  it('signs in with Solana: the SIWS text for the address, shape of the snap', async () => {
    const { invoke, createSession, asked } = setup()
    await createSession()
    const input = { domain: 'dapp.example', statement: 'Welcome', nonce: 'abc12345' }
    const answer = (await invoke('signIn', input)).result as {
      account: { address: string }
      signature: string
      signedMessage: string
      signatureType: string
    }
    const text = createSiwsMessageText({ ...input, address })
    expect(answer.account).toEqual({ address })
    expect(Buffer.from(answer.signedMessage, 'base64').toString()).toBe(text)
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode(text),
        bs58.decode(answer.signature),
        account.publicKey,
      ),
    ).toBe(true)
    expect(asked.at(-1)).toMatchObject({ kind: 'signIn', text })
    expect((await invoke('signIn', { statement: 'no domain' })).error?.code).toBe(-32602)
  })

  it('answers EIP-1193 on metamask-provider: chain id, accounts after approval, personal_sign that recovers', async () => {
    const { call, evm } = setup()
    const provider = (method: string, params?: unknown) => call(method, params, 'metamask-provider')
    expect((await provider('eth_chainId')).result).toBe('0x1')
    expect((await provider('eth_accounts')).result).toEqual([])
    expect((await provider('personal_sign', ['0x68656c6c6f', evm.address])).error?.code).toBe(4100)
    expect((await provider('eth_requestAccounts')).result).toEqual([evm.address])
    expect((await provider('eth_accounts')).result).toEqual([evm.address])
    const signature = (await provider('personal_sign', ['0x68656c6c6f', evm.address])).result as string
    const bytes = Buffer.from(signature.slice(2), 'hex')
    const digest = keccak_256(
      Buffer.concat([Buffer.from('\x19Ethereum Signed Message:\n5'), Buffer.from('hello')]),
    )
    const recovered = recoverPublicKey(
      Uint8Array.of((bytes[64] ?? 27) - 27, ...bytes.subarray(0, 64)),
      digest,
      {
        prehash: false,
      },
    )
    expect(Buffer.from(recovered).toString('hex')).toBe(
      Buffer.from((await import('@noble/secp256k1')).getPublicKey(evmSecretKey, true)).toString('hex'),
    )
    expect(
      (await provider('personal_sign', ['0x00', '0x0000000000000000000000000000000000000001'])).error?.code,
    ).toBe(4100)
    expect((await provider('eth_sendTransaction', [{}])).error?.code).toBe(-32601)
  })
})
