import { DapplinkProvider } from '@dapplink/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.js'
import { sessionStorageOrUndefined } from './browser/sessionStorageOrUndefined.js'
import { readDemoSettings } from './config/demoSettings.js'
import { createDemoConfig } from './demo/createDemoConfig.js'
import './styles.css'

const { settings, problems } = readDemoSettings({
  search: location.search,
  env: import.meta.env,
  storage: sessionStorageOrUndefined(),
})
const config = createDemoConfig({
  settings,
  appUrl: location.origin,
  appName: 'dapplink React demo',
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DapplinkProvider config={config}>
      <App settings={settings} settingsProblems={problems} />
    </DapplinkProvider>
  </StrictMode>,
)
