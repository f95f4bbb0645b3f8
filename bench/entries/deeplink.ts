// The smallest useful deeplink dapp: one wallet profile, connect, sign a message, read the answer on return.
import { createDeeplinkClient, phantom } from '@dapplink/core/deeplink'

const client = createDeeplinkClient({
  profile: phantom,
  appUrl: 'https://dapp.example',
  redirectLink: 'https://dapp.example/wallet-return',
  cluster: 'mainnet-beta',
})

client.watchResponse((answer) => {
  if (answer.method === 'signMessage') console.log('signed', answer.result.signature, answer.context)
})
void client.handleRedirect()

client.watchState((state) => {
  document.title = state.status
})

document.querySelector('button')?.addEventListener('click', () => {
  void (client.getState().status === 'connected'
    ? client.signMessage('Sign in to dapp.example')
    : client.connect())
})
