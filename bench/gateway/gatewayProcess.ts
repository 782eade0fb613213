/**
 * The gateway under benchmark, in its own process (one JS thread, so its CPU time per request is its own
 * work, apart from the load generator's and the relayminer's), configured as `decai gateway start` would
 * be: delegated mode, API keys required, lmdb key store and usage ledger, served by Node's HTTP server
 * with the gateway's listener (inference on Node's request and response, the rest through Hono).
 * Its ledger view is the relayminer test network's memory ledger (the same keys, domain and sessions the
 * relayminer process uses), and its one supplier is the relayminer at argv[2].
 * Prints `{"url": …, "key": …}` once listening; answers `stop` IPC messages.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { parseGatewayConfig } from '../../src/gateway/config/loadGatewayConfig.ts'
import { createGateway } from '../../src/gateway/createGateway.ts'
import type { GatewaySession, ServiceCatalog, SessionSource } from '../../src/gateway/ports.ts'
import { sessionParamsPresets } from '../../src/protocol/session/sessionParamsPresets.ts'
import { createTestNetwork } from '../../src/relayminer/testing/createTestNetwork.ts'

const relayMinerUrl = process.argv[2]!
const network = createTestNetwork()
const params = sessionParamsPresets.devnet
const supplier = network.addresses.supplier.toLowerCase() as `0x${string}`

const sessionSource: SessionSource = {
  getLedgerInfo: async () => ({
    domain: network.domain,
    numBlocksPerSession: params.numBlocksPerSession,
    genesisHeight: params.genesisHeight,
  }),
  getBlockNumber: async () => network.ledger.height,
  async getSession({ application, serviceId, sessionNumber, signer }): Promise<GatewaySession> {
    const session = await network.ledger.getSession({ application, serviceId, sessionNumber, supplier })
    return {
      header: session.header,
      sessionNumber,
      graceEndHeight: session.timeline.graceEndHeight,
      suppliers: [{ operator: supplier, endpoint: relayMinerUrl, owner: supplier }],
      pricing: session.pricing,
      cuToToken: session.cuToToken,
      isApplicationActive: session.application !== undefined,
      isSignerAuthorized: await network.ledger.isAuthorizedSigner({
        application,
        signer,
        sessionNumber,
      }),
    }
  },
}
const catalog: ServiceCatalog = {
  getService: async (serviceId) =>
    serviceId === network.serviceId
      ? {
          serviceId,
          owner: network.addresses.application,
          modelSha256: `0x${'00'.repeat(32)}`,
          modelUris: [],
          license: 'MIT',
          pricing: undefined,
        }
      : undefined,
}

const storeDir = mkdtempSync(join(tmpdir(), 'decai-bench-gateway-'))
const config = parseGatewayConfig({
  text: [
    'mode: delegated',
    'gatewayKeyEnv: GATEWAY_KEY',
    `applications: [{ address: "${network.addresses.application}", serviceId: ${network.serviceId} }]`,
    'chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json, pollInterval: 1h }',
    `store: { dir: ${JSON.stringify(storeDir)} }`,
    'routing: { hedgeDelay: 0 }',
    'log: { level: info }',
  ].join('\n'),
  baseDir: storeDir,
  env: { GATEWAY_KEY: network.keys.gateway },
})
// Logs at info as in production (only 4xx/5xx and failed attempts are logged), written to nowhere.
const logger = pino({ level: config.log.level }, pino.destination({ dest: '/dev/null', sync: false }))
const gateway = await createGateway({ config, sessionSource, catalog, logger })
await gateway.start()
const { key } = await gateway.keyStore!.create({ name: 'bench' })
const server = createServer(gateway.listener).listen(0, '127.0.0.1')
await new Promise((resolve) => server.once('listening', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
process.stdout.write(`${JSON.stringify({ url, key })}\n`)

process.on('message', async (message: { type: string }) => {
  if (message.type !== 'stop') return
  server.close()
  await gateway.stop()
  rmSync(storeDir, { recursive: true, force: true })
  process.exit(0)
})
