// The whole SDK under Vue: the plugin with deeplink wallets and the relay, and a component using useWallet.
// vue is external (the dapp has it anyway).
import { DapplinkPlugin, useWallet } from '@dapplink/vue'
import { createApp, defineComponent, h } from 'vue'

const ConnectButton = defineComponent({
  setup() {
    const { connected, publicKey, pairingUri, connect, signMessage } = useWallet()
    return () =>
      connected.value
        ? h('button', { onClick: () => signMessage('Sign in to dapp.example') }, `Sign as ${publicKey.value}`)
        : h('div', [
            h('button', { onClick: () => connect({ wallet: 'phantom' }) }, 'Phantom'),
            h('button', { onClick: () => connect({ transport: 'relay' }) }, 'QR code'),
            h('code', pairingUri.value ?? ''),
          ])
  },
})

createApp(ConnectButton)
  .use(DapplinkPlugin, {
    config: { appUrl: 'https://dapp.example', relay: { url: 'wss://relay.dapp.example' } },
  })
  .mount('#app')
