/// <reference types="vite/client" />

// The build-time defaults the demos read (see config/demoSettings.ts); all optional. Each demo loads this file
// through its tsconfig `types` ("@dapplink-app/demo-shared/env"), since only the app reads `import.meta.env`.
interface ImportMetaEnv {
  readonly VITE_WALLET_PORT?: string
  readonly VITE_RELAY_PORT?: string
  readonly VITE_CLUSTER_PORT?: string
  readonly VITE_WALLET_URL?: string
  readonly VITE_RELAY_URL?: string
  readonly VITE_RPC_URL?: string
}
