// Size budgets, enforced by `pnpm --filter @dapplink-app/bench test` (the bundles come from dist/buildBundles.js,
// which writes one manifest per bundle: the eager chunks, and all chunks with the lazy relay chunk).
import { readFileSync } from 'node:fs'

/** @param {string} id @param {'eager' | 'all'} which */
function files(id, which) {
  try {
    return JSON.parse(readFileSync(new URL(`.bundles/${id}/manifest.json`, import.meta.url), 'utf8'))[which]
  } catch (cause) {
    throw new Error(
      `No bundle manifest for "${id}": run \`node dist/buildBundles.js --budgets-only\` first.`,
      {
        cause,
      },
    )
  }
}

export default [
  {
    name: "registering dapplink's Wallet Standard wallets: registerDapplinkWallets with the QR code and MetaMask Mobile wallets (entries/walletStandard.ts, eager chunks; the relay, the MetaMask session, the wallet client and the modal load when a wallet is used)",
    path: files('wallet-standard', 'eager'),
    limit: '8 KiB',
    gzip: true,
  },
  {
    name: 'deeplink-only dapp on the protocol functions (the smallest deeplink use), tweetnacl and base58 included (entries/deeplinkProtocol.ts, eager chunks)',
    path: files('deeplink-protocol', 'eager'),
    limit: '15 KiB',
    gzip: true,
  },
  {
    name: 'deeplink-only dapp on createDeeplinkClient + phantom, tweetnacl and base58 included (entries/deeplink.ts, eager chunks)',
    path: files('deeplink', 'eager'),
    // The target is 15 KiB; 16 KiB since session 4's request context, watchResponse and signature check (BENCHMARKS.md).
    limit: '16 KiB',
    gzip: true,
  },
  {
    name: 'whole SDK: @dapplink/react + useWallet + the lazy relay chunk, react external (entries/react.tsx, all chunks)',
    path: files('react', 'all'),
    limit: '80 KiB',
    gzip: true,
  },
  {
    name: 'whole SDK: @dapplink/vue + useWallet + the lazy relay chunk, vue external (entries/vue.ts, all chunks)',
    path: files('vue', 'all'),
    limit: '80 KiB',
    gzip: true,
  },
  {
    name: 'the MetaMask chunk: @dapplink/core/metamask session + Solana signMessage + EIP-1193, secp256k1 included (entries/metamask.ts, all chunks)',
    path: files('metamask', 'all'),
    limit: '30 KiB',
    gzip: true,
  },
  {
    name: 'whole SDK, all three transports: @dapplink/react + useWallet + the lazy relay and MetaMask chunks, react external (entries/reactAll.tsx, all chunks)',
    path: files('react-all', 'all'),
    limit: '80 KiB',
    gzip: true,
  },
]
