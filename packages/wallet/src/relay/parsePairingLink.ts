import { InvalidPairingUriError, parsePairingUri } from '@dapplink/core/relay'

const pairingUriParameters = new Set(['v', 'relay', 'channel', 'key', 'secret', 'name', 'url'])

/**
 * Reads the pairing URI out of a wallet link (`<walletLinkBaseUrl>pair#uri=<percent-encoded pairing URI>`,
 * see `buildWalletLink`) and validates it. Throws `InvalidPairingUriError` saying what is wrong with the
 * link, so a wallet never ignores a broken link silently; `PairingUriVersionError` (a subclass) when the dapp
 * speaks another protocol version, e.g. a version 1 dapp.
 *
 * @example
 * const pairingUri = parsePairingLink(location.href) // 'dapplink:pair?v=2&relay=...'
 * await pairWithDapp({ pairingUri, account })
 */
export function parsePairingLink(link: string): string {
  let url: URL
  try {
    url = new URL(link)
  } catch (cause) {
    throw new InvalidPairingUriError('The pairing link is not a URL.', { cause })
  }
  // The pairing URI travels in the fragment so that it never reaches a web server (docs/protocol.md section 2).
  const fragment = new URLSearchParams(url.hash.slice(1))
  const pairingUri = fragment.get('uri')
  if (pairingUri === null || pairingUri === '')
    throw new InvalidPairingUriError(
      'The pairing link carries no pairing URI (its "#uri=" part is missing).',
      {
        details: 'The link may have been cut off: open it again from the dapp, or scan the QR code.',
      },
    )
  const split = [...fragment.keys()].filter((key) => key !== 'uri' && pairingUriParameters.has(key))
  if (split.length > 0)
    throw new InvalidPairingUriError(
      `The pairing URI in the link is not percent-encoded: its "&" cut it before "${split[0]}".`,
      { details: 'Build the link with buildWalletLink, which encodes the pairing URI.' },
    )
  parsePairingUri(pairingUri)
  return pairingUri
}
