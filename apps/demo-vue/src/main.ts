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
  // A new tab: navigating this page away would end its relay session.
  openWakeUpLink: (url) => {
    window.open(url, '_blank', 'noopener')
  },
})

createApp(App, { settings, settingsProblems: problems }).use(DapplinkPlugin, { config }).mount('#app')
