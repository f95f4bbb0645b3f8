// Reference: socket.io-client alone.
import { io } from 'socket.io-client'

const socket = io('wss://relay.dapp.example', { transports: ['websocket'] })
socket.on('frame', (payload: unknown) => console.log(payload))
