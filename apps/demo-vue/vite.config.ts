import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Ports come from the same env names as scripts/demo.mjs (DEMO_VUE_PORT, WALLET_PORT, RELAY_PORT,
// CLUSTER_PORT, MWP_RELAY_PORT) and reach the page as VITE_* defaults; ?walletUrl=&relayUrl=&rpcUrl=&mwpRelayUrl= override them at run
// time (the e2e tests use that, since they serve one build on free ports).
const env = process.env
for (const [from, to] of [
  ['WALLET_PORT', 'VITE_WALLET_PORT'],
  ['RELAY_PORT', 'VITE_RELAY_PORT'],
  ['CLUSTER_PORT', 'VITE_CLUSTER_PORT'],
  ['MWP_RELAY_PORT', 'VITE_MWP_RELAY_PORT'],
] as const) {
  if (env[from] && !env[to]) env[to] = env[from]
}
const port = Number(env['DEMO_VUE_PORT'] ?? 5174)

export default defineConfig({
  plugins: [vue()],
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
})
