/**
 * Calibration for the relayminer benchmark: the least a Node HTTP server can do per request — node:http,
 * read the body, JSON.parse it, answer a fixed JSON body. No framework, no upstream hop, no protocol work.
 * Its CPU per request bounds from below any Node server on this machine: a relayminer cannot cost less.
 * Prints `{"url": …}` and answers `stats` IPC messages.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const answer = JSON.stringify({ ok: true })
const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = []
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
  incoming.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'))
    outgoing.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length })
    outgoing.end(answer)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  )
})
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage()
    process.send?.({
      cpuMs: (cpu.user + cpu.system) / 1000,
      userMs: cpu.user / 1000,
      systemMs: cpu.system / 1000,
      storedRelays: 0,
    })
  }
  if (message.type === 'stop') process.exit(0)
})
