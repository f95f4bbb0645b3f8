/// <reference types="vite/client" />

// The build-time defaults the demo reads (see config/demoSettings.ts); all optional.
interface ImportMetaEnv {
  readonly VITE_WALLET_PORT?: string
  readonly VITE_RELAY_PORT?: string
  readonly VITE_CLUSTER_PORT?: string
  readonly VITE_WALLET_URL?: string
  readonly VITE_RELAY_URL?: string
  readonly VITE_RPC_URL?: string
}
