import { defineConfig } from 'vite'

// The wallet answers deeplinks at its own profile URL (http://localhost:<port>/ul/v1/<method>); Vite's SPA
// fallback (appType 'spa', the default) serves index.html for those paths in dev and preview alike.
const port = Number(process.env['WALLET_PORT'] ?? 5175)

export default defineConfig({
  appType: 'spa',
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
})
