/**
 * Calibration for the relayminer benchmark: the cheapest relay-shaped server Node allows, on the same HTTP
 * stack as the relayminer's relay path (node:http server, node:http keep-alive client): it parses the
 * envelope, forwards its payload body to the upstream, parses the answer and returns it as JSON. No
 * validation, hashing, signing or mining. Its CPU per request is the floor of any relayminer with an HTTP
 * hop to its backend on this machine. Prints `{"url": …}` and answers `stats` IPC messages.
 */
import { Agent, createServer, request } from 'node:http'
import { answerBenchMessages, listenAndAnnounce } from './benchChild.ts'

const upstream = new URL(`${process.argv[2]!}/v1/chat/completions`)
const agent = new Agent({ keepAlive: true, maxSockets: 256 })

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = []
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
  incoming.on('end', () => {
    const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload: { body: unknown } }
    const body = JSON.stringify(envelope.payload.body)
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
    const options = { hostname: upstream.hostname, port: upstream.port, path: upstream.pathname }
    const forward = request({ ...options, method: 'POST', headers, agent }, (answer) => {
      const parts: Buffer[] = []
      answer.on('data', (part: Buffer) => parts.push(part))
      answer.on('end', () => {
        const text = JSON.stringify({
          payload: { status: 200, body: JSON.parse(Buffer.concat(parts).toString()) },
        })
        outgoing.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        })
        outgoing.end(text)
      })
    })
    forward.end(body)
  })
})
listenAndAnnounce(server)
answerBenchMessages()
