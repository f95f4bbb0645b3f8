import { MwpWalletError } from './errors.js'

/** Sign-In With Solana input (wallet-standard `SolanaSignInInput`), as a dapp sends it. */
export type SiwsInput = {
  domain: string
  address?: string | undefined
  statement?: string | undefined
  uri?: string | undefined
  version?: string | undefined
  chainId?: string | undefined
  nonce?: string | undefined
  issuedAt?: string | undefined
  expirationTime?: string | undefined
  notBefore?: string | undefined
  requestId?: string | undefined
  resources?: readonly string[] | undefined
}

const maxFieldLength = 1_024

/**
 * The text a wallet signs for Sign-In With Solana (the ABNF of the wallet-standard
 * `createSignInMessageText`, after EIP-4361): `<domain> wants you to sign in with your Solana
 * account:`, the address, the statement, then the fields present.
 *
 * @example
 * createSiwsMessageText({ domain: 'example.com', address, nonce: 'abc' })
 */
export function createSiwsMessageText(input: SiwsInput & { address: string }): string {
  for (const [key, value] of Object.entries(input)) {
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) {
      if (item === undefined) continue
      if (
        typeof item !== 'string' ||
        item.length > maxFieldLength ||
        (key !== 'statement' && /[\r\n]/.test(item))
      ) {
        throw new MwpWalletError(
          `The sign-in field "${key}" is not a single-line string of at most ${maxFieldLength} characters.`,
        )
      }
      if (key === 'statement' && /[\r\n]/.test(item)) {
        throw new MwpWalletError('The sign-in statement must not contain a line break.')
      }
    }
  }
  let message = `${input.domain} wants you to sign in with your Solana account:\n${input.address}`
  if (input.statement) message += `\n\n${input.statement}`
  const fields: string[] = []
  if (input.uri) fields.push(`URI: ${input.uri}`)
  if (input.version) fields.push(`Version: ${input.version}`)
  if (input.chainId) fields.push(`Chain ID: ${input.chainId}`)
  if (input.nonce) fields.push(`Nonce: ${input.nonce}`)
  if (input.issuedAt) fields.push(`Issued At: ${input.issuedAt}`)
  if (input.expirationTime) fields.push(`Expiration Time: ${input.expirationTime}`)
  if (input.notBefore) fields.push(`Not Before: ${input.notBefore}`)
  if (input.requestId) fields.push(`Request ID: ${input.requestId}`)
  if (input.resources && input.resources.length > 0) {
    fields.push('Resources:', ...input.resources.map((resource) => `- ${resource}`))
  }
  if (fields.length > 0) message += `\n\n${fields.join('\n')}`
  return message
}
