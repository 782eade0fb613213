/**
 * Calibration for the relayminer benchmark: a Hono app on the same Node HTTP server that parses a JSON
 * body and answers JSON, nothing else. Its CPU per request is the floor any HTTP relayminer pays on this
 * machine. Prints `{"url": …}` and answers `stats` IPC messages with its CPU time.
 */
import { Hono } from 'hono'
import { startHttpServer } from '../../src/relayminer/server/startHttpServer.ts'
import { answerBenchMessages } from './benchChild.ts'

const app = new Hono()
app.post('/v1/relay', async (c) => c.json({ isJson: JSON.parse(await c.req.text()) !== null }))
const server = await startHttpServer({ app, host: '127.0.0.1', port: 0 })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
answerBenchMessages({ stop: () => server.close() })
