/**
 * A watcher inside a gateway, end to end: anvil with the ledger, three suppliers running
 * `decai relayminer start` (two serve the registered tiny model, one serves a model generated with
 * another seed), and `decai gateway start` as a process with a `watcher:` section. The watcher probes
 * the gateway's suppliers through the gateway's own router among client requests; the cheat fails,
 * is quarantined and no longer answers clients, while the honest suppliers pass and keep serving.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { watcherReportsContract } from '../../src/chain/deploy/ledgerContracts.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { createEmbeddedBackend } from '../../src/inference/index.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'
import { type SignedWatcherReport, verifyWatcherReport } from '../../src/watcher/index.ts'
import { type GatewayNetwork, serviceId, startGatewayNetwork } from '../gateway/startGatewayNetwork.ts'
import { listeningUrl } from './listeningUrl.ts'

let dir: string
let net: GatewayNetwork
let gateway: ChildProcess | undefined
let gatewayUrl: string
let honest: Hex[]
let cheat: Hex
const chat = {
  model: serviceId,
  messages: [{ role: 'user', content: 'What should I pack for a weekend of hiking?' }],
  temperature: 0,
  max_tokens: 12,
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-gateway-watcher-e2e-'))
  const model = await getTestModel({ seed: 42 })
  const other = await getTestModel({ seed: 43 })
  net = await startGatewayNetwork({ modelSha256: model.sha256, dir })
  await net.mineTo(net.startOf(net.firstSession) + 1n)
  await net.startRelayMiners(model.path, model.sha256, [undefined, undefined, other])
  honest = net.suppliers.slice(0, 2).map((supplier) => supplier.operator.toLowerCase() as Hex)
  cheat = net.suppliers[2]!.operator.toLowerCase() as Hex
  const configFile = join(dir, 'gateway.yaml')
  await writeFile(configFile, gatewayYaml(model.path))
  gateway = spawn(process.execPath, ['bin/decai.js', 'gateway', 'start', '--config', configFile], {
    env: { ...process.env, GATEWAY_E2E_KEY: net.keys.gateway },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  gatewayUrl = await listeningUrl(gateway, '"gateway listening"')
}, 240_000)

afterAll(async () => {
  if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL')
  await net?.stop()
  await removeTestModels()
  await rm(dir, { recursive: true, force: true })
})

function gatewayYaml(referenceModel: string): string {
  return `mode: delegated
gatewayKeyEnv: GATEWAY_E2E_KEY
applications: [{ address: "${net.application}", serviceId: ${serviceId} }]
chain: { rpcUrl: "${net.chain.rpcUrl}", manifestFile: "${net.manifestFile}", pollInterval: 100ms }
store: { dir: keys }
keys: { isRequired: false }
server: { host: 127.0.0.1, port: 0 }
watcher:
  services:
    ${serviceId}: { referenceModel: "${referenceModel}" }
  audit: { minProbesForPass: 3 }
  commitReportsOnChain: true
  probes:
    meanInterval: 100ms
    targetRefresh: 1s
    timeout: 30s
    profile: { greedyShare: 1, maxTokens: [12], streamShare: 0.5, logprobsShare: 0.5 }
log: { level: info }
`
}

async function sendChat(): Promise<{ status: number; content: string | undefined }> {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chat),
  })
  const body = (await response.json()) as { choices?: [{ message: { content: string } }] }
  return { status: response.status, content: body.choices?.[0].message.content }
}

async function latestVerdicts(): Promise<Map<Hex, SignedWatcherReport>> {
  const response = await fetch(`${gatewayUrl}/watcher/reports`)
  const { reports } = (await response.json()) as { reports: SignedWatcherReport[] }
  return new Map(reports.map((signed) => [signed.report.supplier, signed]))
}

describe('decai gateway start with a watcher inside', () => {
  it('behavior: probes among client requests fail the supplier serving another model and pass the honest ones', async () => {
    const isDecided = (signed: SignedWatcherReport | undefined, verdict: 'pass' | 'fail') =>
      signed?.report.verdict === verdict
    let reports = await latestVerdicts()
    while (
      !(isDecided(reports.get(cheat), 'fail') && honest.every((s) => isDecided(reports.get(s), 'pass')))
    ) {
      // Client traffic goes on meanwhile: probes are interleaved with it and copy its shapes.
      expect((await sendChat()).status).toBe(200)
      reports = await latestVerdicts()
    }
    const gatewayAddress = privateKeyToAddress(net.keys.gateway)
    const failed = verifyWatcherReport(reports.get(cheat)!, gatewayAddress)
    expect(failed).toMatchObject({ verdict: 'fail', check: 'identity', serviceId })
    for (const supplier of honest)
      expect(verifyWatcherReport(reports.get(supplier)!, gatewayAddress).tally).toMatchObject({
        violations: 0,
        meteringProofs: 0,
        failedProbes: 0,
      })
  })

  it('behavior: the failed supplier is quarantined and clients are answered by the honest ones only', async () => {
    const metrics = await (await fetch(`${gatewayUrl}/metrics`)).text()
    expect(metrics).toContain(`decai_gateway_supplier_score{supplier="${cheat}",quarantined="true"} 0`)
    for (const supplier of honest) expect(metrics).toContain(`supplier="${supplier}",quarantined="false"`)
    const model = await getTestModel({ seed: 42 })
    const reference = await createEmbeddedBackend({ modelPath: model.path, expectedSha256: model.sha256 })
    try {
      const expected = (await reference.chatCompletion(chat as never)).choices[0]!.message.content
      for (let i = 0; i < 9; i++) expect(await sendChat()).toEqual({ status: 200, content: expected })
    } finally {
      await reference.close()
    }
  })

  it('behavior: the hash of each report that changed a verdict is committed on-chain and published with the reports', async () => {
    // Commitments are sent once the verdicts change, one transaction at a time.
    let reports = await latestVerdicts()
    while (![cheat, ...honest].every((supplier) => reports.get(supplier)?.commitment)) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      reports = await latestVerdicts()
    }
    const events = await createDecaiClients({ rpcUrl: net.chain.rpcUrl }).publicClient.getContractEvents({
      address: net.manifest.contracts.watcherReports!,
      abi: watcherReportsContract.abi,
      eventName: 'WatcherReportCommitted',
      fromBlock: net.manifest.deployBlock,
    })
    const byHash = new Map(events.map((event) => [event.args.reportHash, event]))
    for (const supplier of [cheat, ...honest]) {
      const { commitment } = reports.get(supplier)!
      const event = byHash.get(commitment!.reportHash)
      expect(event?.blockNumber.toString()).toBe(commitment!.blockNumber)
      expect(event?.args.watcher?.toLowerCase()).toBe(privateKeyToAddress(net.keys.gateway).toLowerCase())
      expect(event?.args.supplier?.toLowerCase()).toBe(supplier)
    }
  })

  it('behavior: stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => gateway!.once('exit', resolve))
    gateway!.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
