import { DapplinkProvider } from '@dapplink/react'
import { loadDemoSetup } from '@dapplink-app/demo-shared'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.js'
import '@dapplink-app/demo-shared/styles.css'

const { settings, problems, config } = loadDemoSetup({ appName: 'dapplink React demo', env: import.meta.env })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DapplinkProvider config={config}>
      <App settings={settings} settingsProblems={problems} />
    </DapplinkProvider>
  </StrictMode>,
)
