/**
 * Calibration for the relayminer benchmark: the least a Node HTTP server can do per request — node:http,
 * read the body, JSON.parse it, answer a fixed JSON body. No framework, no upstream hop, no protocol work.
 * Its CPU per request bounds from below any Node server on this machine: a relayminer cannot cost less.
 * Prints `{"url": …}` and answers `stats` IPC messages.
 */
import { createServer } from 'node:http'
import { answerBenchMessages, listenAndAnnounce } from './benchChild.ts'

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
listenAndAnnounce(server)
answerBenchMessages()
