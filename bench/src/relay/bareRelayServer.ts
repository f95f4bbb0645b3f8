// The baseline: a bare socket.io server that forwards frames between the two sockets of a room. Same event
// names and answers as the relay (docs/protocol.md section 3), none of its checks, queue or limits.
import { createServer } from 'node:http'
import { Server } from 'socket.io'

type Answer = (answer: unknown) => void

const httpServer = createServer()
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 65536 * 2 })
let nextId = 0

io.on('connection', (socket) => {
  const answer = (callback: unknown, value: unknown) => {
    if (typeof callback === 'function') (callback as Answer)(value)
  }
  socket.on('create', (_payload: unknown, callback: unknown) => answer(callback, { ok: true }))
  socket.on('join', (payload: { channel: string }, callback: unknown) => {
    void socket.join(payload.channel)
    answer(callback, { ok: true, peer: true })
  })
  socket.on('send', (payload: { channel: string; frame: Uint8Array }, callback: unknown) => {
    const id = ++nextId
    socket.to(payload.channel).emit('frame', { channel: payload.channel, id, frame: payload.frame })
    answer(callback, { ok: true, id })
  })
  socket.on('ack', (_payload: unknown, callback: unknown) => answer(callback, { ok: true }))
  socket.on('leave', (payload: { channel: string }, callback: unknown) => {
    void socket.leave(payload.channel)
    answer(callback, { ok: true })
  })
})

httpServer.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : 0
  console.log(JSON.stringify({ level: 'info', msg: 'listening', port, pid: process.pid }))
})

const shutdown = () => {
  io.close()
  httpServer.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2_000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
