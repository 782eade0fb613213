/**
 * A real decai network for the gateway's end-to-end tests: anvil with the ledger (devnet timing), one
 * service committed to the tiny generated GGUF, an application delegated to the gateway, and three
 * suppliers (each with its own owner) whose relayminers run as real `decai relayminer start` processes
 * with the embedded llama.cpp backend, on ports registered on-chain as their endpoints.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { addService } from '../../src/chain/actions/addService.ts'
import { delegateToGateway } from '../../src/chain/actions/delegateToGateway.ts'
import { mintFromFaucet } from '../../src/chain/actions/mintFromFaucet.ts'
import { stakeApplication } from '../../src/chain/actions/stakeApplication.ts'
import { stakeGateway } from '../../src/chain/actions/stakeGateway.ts'
import { stakeSupplier } from '../../src/chain/actions/stakeSupplier.ts'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { ledgerParamsPresets } from '../../src/chain/contracts.generated.ts'
import { deployDecai } from '../../src/chain/deploy/deployDecai.ts'
import type { DeploymentManifest } from '../../src/chain/deploy/deploymentManifestSchema.ts'
import { writeDeploymentManifest } from '../../src/chain/deploy/writeDeploymentManifest.ts'
import { createLedger, type Ledger } from '../../src/chain/ledger/createLedger.ts'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import { findFreePort } from '../../src/chain/localChain/findFreePort.ts'
import {
  type StartLocalChainReturnType,
  startLocalChain,
} from '../../src/chain/localChain/startLocalChain.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'

const TOKEN = 1_000_000n
const binary = new URL('../../bin/decai.js', import.meta.url).pathname
export const serviceId = 'llama-tiny'

/** One supplier: its operator, the port its relayminer listens on, and the running process. */
export type E2eSupplier = { operator: Hex; operatorKey: Hex; port: number; process: ChildProcess | undefined }

export type GatewayNetwork = {
  chain: StartLocalChainReturnType
  manifest: DeploymentManifest
  manifestFile: string
  keys: { application: Hex; gateway: Hex }
  application: Hex
  governance: Ledger
  suppliers: E2eSupplier[]
  /** The first session in which every stake and the delegation are active. */
  firstSession: bigint
  startOf(session: bigint): bigint
  mineTo(height: bigint): Promise<void>
  head(): Promise<bigint>
  /**
   * Starts every supplier's relayminer process and waits until each listens; `served[i]`, when given,
   * is the model supplier i really serves instead (a cheat).
   */
  startRelayMiners(
    modelPath: string,
    modelSha256: string,
    served?: ReadonlyArray<{ path: string; sha256: string } | undefined>,
  ): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts anvil, deploys the ledger, stakes a gateway, an application (delegated to it) and three
 * suppliers with endpoints on free local ports.
 *
 * @param options - the model's sha256 and a working directory
 * @returns the network (relayminers not started yet)
 * @example
 * const net = await startGatewayNetwork({ modelSha256, dir })
 * await net.startRelayMiners(model.path, model.sha256)
 */
export async function startGatewayNetwork(options: {
  modelSha256: string
  dir: string
}): Promise<GatewayNetwork> {
  const chain = await startLocalChain()
  const k = anvilDevPrivateKeys as readonly Hex[]
  const [governance, champion, application, gateway] = [k[0]!, k[1]!, k[2]!, k[3]!]
  const suppliers: E2eSupplier[] = []
  for (const [operatorKey] of [[k[5]!], [k[6]!], [k[7]!]])
    suppliers.push({
      operator: privateKeyToAddress(operatorKey!),
      operatorKey: operatorKey!,
      port: await findFreePort('127.0.0.1'),
      process: undefined,
    })
  const owners = [k[4]!, k[8]!, k[9]!]
  const manifest = await deployDecai({
    clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: governance }),
    params: {
      numBlocksPerSession: ledgerParamsPresets.devnet.numBlocksPerSession,
      params: ledgerParamsPresets.devnet.params,
    },
  })
  const manifestFile = join(options.dir, 'deployment.json')
  await writeDeploymentManifest(manifestFile, manifest)
  const ledgerOf = (key: Hex) =>
    createLedger({ clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: key }), manifest })
  const governanceLedger = ledgerOf(governance)
  for (const key of [application, gateway, ...owners])
    await mintFromFaucet(governanceLedger, { to: privateKeyToAddress(key), amount: 1_000n * TOKEN })
  await addService(ledgerOf(champion), {
    serviceId,
    pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n, championBps: 1_000 },
    modelSha256: `0x${options.modelSha256}`,
    modelUris: ['file://tiny.gguf'],
    license: 'MIT',
  })
  await stakeGateway(ledgerOf(gateway), { amount: 10n * TOKEN })
  await stakeApplication(ledgerOf(application), { serviceId, amount: 500n * TOKEN })
  await delegateToGateway(ledgerOf(application), { gateway: privateKeyToAddress(gateway) })
  for (const [i, supplier] of suppliers.entries())
    await stakeSupplier(ledgerOf(owners[i]!), {
      operator: supplier.operator,
      amount: 100n * TOKEN,
      services: [{ serviceId, endpoint: `http://127.0.0.1:${supplier.port}` }],
    })
  const head = () => governanceLedger.clients.publicClient.getBlockNumber({ cacheTime: 0 })
  const startOf = (session: bigint) => manifest.genesisHeight + (session - 1n) * manifest.numBlocksPerSession
  const currentSession = 1n + ((await head()) - manifest.genesisHeight) / manifest.numBlocksPerSession
  return {
    chain,
    manifest,
    manifestFile,
    keys: { application, gateway },
    application: privateKeyToAddress(application),
    governance: governanceLedger,
    suppliers,
    firstSession: currentSession + 1n,
    startOf,
    head,
    async mineTo(height) {
      const now = await head()
      if (height > now) await chain.mine(Number(height - now))
    },
    async startRelayMiners(modelPath, modelSha256, served = []) {
      await Promise.all(
        suppliers.map((supplier, i) =>
          startRelayMiner(supplier, i, {
            dir: options.dir,
            chain,
            manifestFile,
            modelPath: served[i]?.path ?? modelPath,
            modelSha256: served[i]?.sha256 ?? modelSha256,
          }),
        ),
      )
    },
    async stop() {
      for (const supplier of suppliers) supplier.process?.kill('SIGKILL')
      await chain.stop()
    },
  }
}

async function startRelayMiner(
  supplier: E2eSupplier,
  index: number,
  context: {
    dir: string
    chain: StartLocalChainReturnType
    manifestFile: string
    modelPath: string
    modelSha256: string
  },
): Promise<void> {
  const configFile = join(context.dir, `relayminer-${index}.yaml`)
  await writeFile(
    configFile,
    [
      'keys: [{ name: operator, privateKeyEnv: DECAI_E2E_OPERATOR_KEY }]',
      `suppliers: [{ key: operator, services: [${serviceId}] }]`,
      'services:',
      `  - id: ${serviceId}`,
      `    backend: { kind: embedded, modelPath: '${context.modelPath}', sha256: ${context.modelSha256}, parallelSequences: 4 }`,
      `chain: { rpcUrl: '${context.chain.rpcUrl}', manifestFile: '${context.manifestFile}', pollInterval: 100ms }`,
      `store: { dir: '${join(context.dir, `trees-${index}`)}' }`,
      `server: { host: 127.0.0.1, port: ${supplier.port}, requestTimeout: 60s }`,
      'claims: { drainTimeout: 2s, shouldSettle: false }',
      'log: { level: warn }',
    ].join('\n'),
  )
  const child = spawn(process.execPath, [binary, 'relayminer', 'start', '--config', configFile], {
    env: { ...process.env, DECAI_E2E_OPERATOR_KEY: supplier.operatorKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  supplier.process = child
  await waitForListening(supplier.port, child)
}

async function waitForListening(port: number, child: ChildProcess): Promise<void> {
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const errors = createInterface({ input: child.stderr! })
  const lines: string[] = []
  errors.on('line', (line) => lines.push(line))
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error(`relayminer exited: ${lines.slice(-5).join('\n')}`)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('relayminer did not start within 60 s')
}
