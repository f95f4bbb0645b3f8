'use client'
import type { PersonalSignResult } from '@dapplink-app/demo-shared'
import { VerifiedMark } from './VerifiedMark.js'

export type EvmPersonalSignProps = {
  message: string
  disabled: boolean
  result: PersonalSignResult | null
  onSign: (message: string) => void
}

/** The EVM action of a MetaMask session: personal_sign through `client.getEthereumProvider()`. */
export function EvmPersonalSign({ message, disabled, result, onSign }: EvmPersonalSignProps) {
  return (
    <div className="action" data-testid="evm-action">
      <h3>EVM personal_sign (EIP-1193 provider, MetaMask session)</h3>
      <div className="row">
        <button
          type="button"
          data-testid="evm-personal-sign"
          disabled={disabled}
          onClick={() => onSign(message)}
        >
          EVM personal_sign
        </button>
      </div>
      {result && (
        <dl>
          <dt>Account</dt>
          <dd className="mono" data-testid="evm-address">
            {result.address}
          </dd>
          <dt>Signature</dt>
          <dd className="mono" data-testid="evm-signature">
            {result.signature}
          </dd>
          <dt>Recovered signer</dt>
          <dd className="mono" data-testid="evm-recovered-address">
            {result.recoveredAddress || '—'}
          </dd>
          <dt>Check</dt>
          <dd>
            <VerifiedMark ok={result.verified} testId="evm-verified" />
          </dd>
        </dl>
      )}
    </div>
  )
}
