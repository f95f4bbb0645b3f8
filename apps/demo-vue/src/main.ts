import { DapplinkPlugin } from '@dapplink/vue'
import { loadDemoSetup } from '@dapplink-app/demo-shared'
import { createApp } from 'vue'
import App from './app/App.vue'
import '@dapplink-app/demo-shared/styles.css'

const { settings, problems, config } = loadDemoSetup({ appName: 'dapplink Vue demo', env: import.meta.env })

createApp(App, { settings, settingsProblems: problems }).use(DapplinkPlugin, { config }).mount('#app')
