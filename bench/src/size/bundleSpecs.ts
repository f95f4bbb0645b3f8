/** One browser bundle to measure: an entry file a real dapp would write. */
export type BundleSpec = {
  /** Short id; also the folder under `.bundles/`. */
  id: string
  /** What a reader sees in the report. */
  label: string
  /** Entry file, relative to the bench package. */
  entry: string
  /** `dapplink`: ours; `peer`: what a user would pick instead; `dependency`: one of our dependencies alone. */
  group: 'dapplink' | 'peer' | 'dependency'
}

/** The baseline every ratio is taken against (measured in the same run). */
export const baselineBundleId = 'metamask-sdk'

export const bundleSpecs: readonly BundleSpec[] = [
  {
    id: 'deeplink',
    label: '@dapplink/core: createDeeplinkClient + phantom (deeplink only)',
    entry: 'entries/deeplink.ts',
    group: 'dapplink',
  },
  {
    id: 'deeplink-protocol',
    label: '@dapplink/core/deeplink protocol functions only (the smallest deeplink use, no client)',
    entry: 'entries/deeplinkProtocol.ts',
    group: 'dapplink',
  },
  {
    id: 'relay',
    label: '@dapplink/core/relay: createRelaySession',
    entry: 'entries/relay.ts',
    group: 'dapplink',
  },
  {
    id: 'react',
    label: '@dapplink/react: DapplinkProvider + useWallet (deeplinks + lazy relay)',
    entry: 'entries/react.tsx',
    group: 'dapplink',
  },
  {
    id: 'vue',
    label: '@dapplink/vue: DapplinkPlugin + useWallet (deeplinks + lazy relay)',
    entry: 'entries/vue.ts',
    group: 'dapplink',
  },
  {
    id: 'metamask',
    label:
      '@dapplink/core/metamask: createMetamaskSession + Solana signMessage + EIP-1193 (the MetaMask chunk alone)',
    entry: 'entries/metamask.ts',
    group: 'dapplink',
  },
  {
    id: 'react-all',
    label: '@dapplink/react: DapplinkProvider + useWallet (deeplinks + lazy relay + lazy MetaMask)',
    entry: 'entries/reactAll.tsx',
    group: 'dapplink',
  },
  {
    id: 'wallet-standard',
    label:
      '@dapplink/wallet-standard: registerDapplinkWallets (QR code and MetaMask Mobile wallets; transports, client and modal lazy)',
    entry: 'entries/walletStandard.ts',
    group: 'dapplink',
  },
  { id: 'metamask-sdk', label: '@metamask/sdk', entry: 'entries/peers/metamaskSdk.ts', group: 'peer' },
  {
    id: 'metamask-connect-solana',
    label: '@metamask/connect-solana',
    entry: 'entries/peers/metamaskConnectSolana.ts',
    group: 'peer',
  },
  {
    id: 'metamask-connect-multichain',
    label: '@metamask/connect-multichain',
    entry: 'entries/peers/metamaskConnectMultichain.ts',
    group: 'peer',
  },
  {
    id: 'metamask-mwp-dapp-client',
    label: "MetaMask's MWP dapp client (mobile-wallet-protocol-dapp-client + core + eciesjs)",
    entry: 'entries/peers/metamaskMwpDappClient.ts',
    group: 'peer',
  },
  {
    id: 'walletconnect-sign-client',
    label: '@walletconnect/sign-client',
    entry: 'entries/peers/walletconnectSignClient.ts',
    group: 'peer',
  },
  {
    id: 'coinbase-wallet-sdk',
    label: '@coinbase/wallet-sdk',
    entry: 'entries/peers/coinbaseWalletSdk.ts',
    group: 'peer',
  },
  {
    id: 'phantom-wallet-adapter',
    label: '@solana/wallet-adapter-phantom',
    entry: 'entries/peers/phantomWalletAdapter.ts',
    group: 'peer',
  },
  {
    id: 'solana-mobile-wallet-standard',
    label: '@solana-mobile/wallet-standard-mobile: registerMwa',
    entry: 'entries/peers/solanaMobileWalletStandard.ts',
    group: 'peer',
  },
  {
    id: 'tweetnacl',
    label: 'tweetnacl alone (main entry: nacl-fast)',
    entry: 'entries/deps/tweetnacl.ts',
    group: 'dependency',
  },
  {
    id: 'tweetnacl-min',
    label: 'tweetnacl/nacl.min.js alone (what core imports)',
    entry: 'entries/deps/tweetnaclMin.ts',
    group: 'dependency',
  },
  { id: 'bs58', label: 'bs58 alone', entry: 'entries/deps/bs58.ts', group: 'dependency' },
  { id: 'eciesjs', label: 'eciesjs alone', entry: 'entries/deps/eciesjs.ts', group: 'dependency' },
  { id: 'centrifuge', label: 'centrifuge alone', entry: 'entries/deps/centrifuge.ts', group: 'dependency' },
  {
    id: 'socket.io-client',
    label: 'socket.io-client alone',
    entry: 'entries/deps/socketIoClient.ts',
    group: 'dependency',
  },
]
