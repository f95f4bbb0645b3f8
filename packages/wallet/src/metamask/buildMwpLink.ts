import { encodeBase64 } from '@dapplink/core/relay'
import type { SessionRequest } from '@metamask/mobile-wallet-protocol-core'
import type { MwpDappMetadata } from './parseMwpLink.js'

/**
 * Builds the `metamask://connect/mwp?p=…&c=1` link a dapp shows as a QR code for a session request,
 * in the format MetaMask Connect writes (deflated JSON `{ sessionRequest, metadata }`, base64,
 * URL-encoded). For tests and tools: the dapp side of dapplink has its own builder.
 *
 * @example
 * dappClient.on('session_request', async (request) => wallet.pair(await buildMwpLink(request, { dapp })))
 */
export async function buildMwpLink(
  sessionRequest: SessionRequest,
  metadata: { dapp: MwpDappMetadata; sdk?: { version: string; platform: string } },
  form: 'scheme' | 'universal' = 'scheme',
): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ sessionRequest, metadata }))
  const deflated = new Uint8Array(
    await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  )
  const base = form === 'scheme' ? 'metamask://connect/mwp' : 'https://metamask.app.link/connect/mwp'
  return `${base}?p=${encodeURIComponent(encodeBase64(deflated))}&c=1`
}
