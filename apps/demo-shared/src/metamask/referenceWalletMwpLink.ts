export type ReferenceWalletMwpLinkParameters = {
  /** The reference wallet's origin, e.g. `http://localhost:5175`. */
  walletUrl: string
  /** The MetaMask relay the dapp pairs through: the wallet must join the same one. */
  mwpRelayUrl: string
  /** The `metamask://connect/mwp?p=…&c=1` link of the QR code. */
  pairingUri: string
}

/**
 * The "Open in wallet" link for a dapp and the reference wallet on the same machine: its `/ul/v1/mwp` route,
 * the MetaMask link in the fragment (a fragment never reaches a server log) and the relay in the query.
 *
 * @example referenceWalletMwpLink({ walletUrl, mwpRelayUrl, pairingUri: wallet.pairingUri })
 */
export function referenceWalletMwpLink(parameters: ReferenceWalletMwpLinkParameters): string {
  const { walletUrl, mwpRelayUrl, pairingUri } = parameters
  const query = new URLSearchParams({ mwpRelayUrl })
  return `${walletUrl}/ul/v1/mwp?${query}#link=${encodeURIComponent(pairingUri)}`
}
