// Reference: the `centrifuge` client alone (what MetaMask's MWP transport uses; core ships its own client).
import { Centrifuge } from 'centrifuge'

const client = new Centrifuge('wss://relay.example/connection/websocket')
const subscription = client.newSubscription('session:example', { recoverable: true, positioned: true })
subscription.on('publication', (context) => console.log(context.data))
subscription.subscribe()
client.connect()
void client.publish('session:example', '{}')
