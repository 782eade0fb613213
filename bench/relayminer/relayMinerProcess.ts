/**
 * The relayminer under benchmark, in its own process (one JS thread: its CPU time is one core's work):
 * the test network's memory ledger with every relay mined (so every relay is persisted; or none, with the
 * argument `none`), the upstream
 * backend pointed at the fake upstream, a temporary store. Prints `{"url": …}` once listening and answers
 * `stats` IPC messages with its CPU time and stored relay count.
 */
import { rm } from 'node:fs/promises'
import { createUpstreamBackend } from '../../src/inference/upstream/createUpstreamBackend.ts'
import { startHttpServer } from '../../src/relayminer/server/startHttpServer.ts'
import { createTestNetwork } from '../../src/relayminer/testing/createTestNetwork.ts'
import { createTestRelayMiner } from '../../src/relayminer/testing/createTestRelayMiner.ts'
import { answerBenchMessages } from './benchChild.ts'

const upstreamUrl = process.argv[2]!
// argv[3] = 'none' mines no relay (target 1): the relay path without the durable append.
const network = createTestNetwork({ difficultyTarget: process.argv[3] === 'none' ? 1n : undefined })
const backend = createUpstreamBackend({
  baseUrl: `${upstreamUrl}/v1`,
  timeoutMs: 30_000,
})
const relayMiner = await createTestRelayMiner({ network, backend, requestTimeoutMs: 30_000 })
const server = await startHttpServer({ app: relayMiner.app, host: '127.0.0.1', port: 0 })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)

answerBenchMessages({
  storedRelays: () => relayMiner.store.listTrees().reduce((total, tree) => total + tree.count, 0),
  async stop() {
    await server.close()
    await relayMiner.stop()
    await rm(relayMiner.storeDir, { recursive: true, force: true })
  },
})
