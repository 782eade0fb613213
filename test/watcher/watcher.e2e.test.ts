import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setSupplierEndpoint } from '../../src/chain/actions/setSupplierEndpoint.ts'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { createLedger } from '../../src/chain/ledger/createLedger.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../src/inference/index.ts'
import { Secret } from '../../src/relayminer/config/secret.ts'
import { createRelayMiner, type RelayMiner } from '../../src/relayminer/createRelayMiner.ts'
import { createChainLedger } from '../../src/relayminer/ledger/createChainLedger.ts'
import { type HttpServerHandle, startHttpServer } from '../../src/relayminer/server/startHttpServer.ts'
import { type SignedWatcherReport, verifyWatcherReport } from '../../src/watcher/index.ts'
import { type ChainNetwork, serviceId, startChainNetwork } from '../relayminer/startChainNetwork.ts'
import { listeningUrl } from './listeningUrl.ts'

// `decai watcher start` as a process against anvil, the deployed ledger and a relayminer serving the
// registered tiny model: it reads the session, probes the supplier over signed relays (as the gateway the
// application delegated to) and publishes a passing, signed report.
let dir: string
let net: ChainNetwork
let backend: EmbeddedBackend
let relayMiner: RelayMiner
let server: HttpServerHandle
let watcher: ChildProcess | undefined
let watcherUrl: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-watcher-e2e-'))
  const model = await getTestModel()
  net = await startChainNetwork({ modelSha256: model.sha256, dir })
  backend = await createEmbeddedBackend({ modelPath: model.path, expectedSha256: model.sha256 })
  const operatorKey = new Secret(net.keys.operator)
  relayMiner = await createRelayMiner({
    suppliers: [
      { operatorAddress: net.addresses.operator, privateKey: operatorKey, serviceIds: [serviceId] },
    ],
    backends: new Map([[serviceId, backend]]),
    ledger: createChainLedger({
      rpcUrl: net.chain.rpcUrl,
      manifest: net.manifest,
      operatorKeys: new Map([[net.addresses.operator, operatorKey]]),
      logger: pino({ level: 'silent' }),
    }),
    storeDir: join(dir, 'trees'),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 200,
    maxBodyBytes: 1 << 20,
    requestTimeoutMs: 60_000,
    claims: {
      minClaimValueBaseUnits: 0n,
      weiPerTokenBaseUnit: undefined,
      shouldSettle: false,
      drainTimeoutMs: 1_000,
    },
  })
  server = await startHttpServer({ app: relayMiner.app, host: '127.0.0.1', port: 0 })
  // The supplier's endpoint becomes this server from the next session on.
  const owner = createLedger({
    clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl, account: net.keys.owner }),
    manifest: net.manifest,
  })
  await setSupplierEndpoint(owner, { operator: net.addresses.operator, serviceId, endpoint: server.url })
  const head = await net.head()
  const current = 1n + (head - net.manifest.genesisHeight) / net.manifest.numBlocksPerSession
  await net.mineTo(net.startOf(current + 1n > net.firstSession ? current + 1n : net.firstSession))
  await relayMiner.start()
  const configFile = join(dir, 'watcher.yaml')
  await writeFile(configFile, watcherYaml(model.path))
  watcher = spawn(process.execPath, ['bin/decai.js', 'watcher', 'start', '--config', configFile], {
    env: { ...process.env, WATCHER_E2E_KEY: net.keys.gateway },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  watcherUrl = await listeningUrl(watcher, 'watcher listening')
}, 180_000)

afterAll(async () => {
  if (watcher && watcher.exitCode === null) watcher.kill('SIGKILL')
  await server?.close()
  await relayMiner?.stop()
  await backend?.close()
  await net?.stop()
  await removeTestModels()
  await rm(dir, { recursive: true, force: true })
})

function watcherYaml(modelPath: string): string {
  return `signer:
  privateKeyEnv: WATCHER_E2E_KEY
  application: "${net.addresses.application}"
chain:
  rpcUrl: ${net.chain.rpcUrl}
  manifestFile: ${net.manifestFile}
services:
  ${serviceId}:
    referenceModel: ${modelPath}
server: { host: 127.0.0.1, port: 0 }
audit: { minProbesForPass: 3 }
probes:
  meanInterval: 100ms
  targetRefresh: 1s
  timeout: 30s
  profile: { greedyShare: 1, maxTokens: [12], streamShare: 0.5, logprobsShare: 0.5 }
log: { level: info }
`
}

describe('decai watcher start on anvil', () => {
  it('behavior: audits the session’s supplier over signed relays and publishes a passing signed report', async () => {
    let signed: SignedWatcherReport | undefined
    while (!signed || signed.report.verdict === 'pending') {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const response = await fetch(`${watcherUrl}/reports/${net.addresses.operator}`)
      if (response.status === 200)
        signed = ((await response.json()) as { reports: SignedWatcherReport[] }).reports[0]
    }
    const report = verifyWatcherReport(signed, net.addresses.gateway)
    expect(report).toMatchObject({
      verdict: 'pass',
      serviceId,
      supplier: net.addresses.operator.toLowerCase(),
    })
    expect(report.tally).toMatchObject({ violations: 0, meteringProofs: 0, failedProbes: 0 })
    expect(report.modelSha256).toBe((await getTestModel()).sha256)
  })

  it('behavior: stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => watcher!.once('exit', resolve))
    watcher!.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
