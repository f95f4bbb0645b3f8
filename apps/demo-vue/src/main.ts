import { DapplinkPlugin } from '@dapplink/vue'
import { createApp } from 'vue'
import App from './app/App.vue'
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
  appName: 'dapplink Vue demo',
})

createApp(App, { settings, settingsProblems: problems }).use(DapplinkPlugin, { config }).mount('#app')
