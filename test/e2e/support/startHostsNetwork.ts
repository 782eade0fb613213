import { join } from 'node:path'
import { type Logger, pino } from 'pino'
import { numberToHex } from 'viem'
import {
  createDecaiClients,
  createLedger,
  type DeploymentManifest,
  type StartLocalChainReturnType,
  startSeedKeeper,
} from '../../../src/chain/index.ts'
import { buildAnvilArgs } from '../../../src/chain/localChain/buildAnvilArgs.ts'
import { jsonRpcRequest } from '../../../src/chain/localChain/jsonRpcRequest.ts'
import { resolveAnvilPath } from '../../../src/chain/localChain/resolveAnvilPath.ts'
import { spawnSupervised } from '../../../src/chain/localChain/spawnSupervised.ts'
import { waitForRpc } from '../../../src/chain/localChain/waitForRpc.ts'
import { type DevnetKeys, loadOrCreateDevnetKeys } from '../../../src/cli/devnet/devnetKeys.ts'
import { devnetOptionsSchema } from '../../../src/cli/devnet/devnetOptions.ts'
import { type DevnetPaths, getDevnetPaths } from '../../../src/cli/devnet/devnetPaths.ts'
import { devnetPlan } from '../../../src/cli/devnet/devnetPlan.ts'
import { ensureDemoApiKey } from '../../../src/cli/devnet/ensureDemoApiKey.ts'
import { ensureDemoModel } from '../../../src/cli/devnet/ensureDemoModel.ts'
import { provisionNetwork } from '../../../src/cli/devnet/provisionNetwork.ts'
import { type RoleChild, spawnRole } from '../../../src/cli/devnet/spawnRole.ts'
import { ensureDeployment, startBlockProduction } from '../../../src/cli/devnet/startDevnetChain.ts'
import { gatewayStoreDir } from '../../../src/cli/devnet/startDevnetRoles.ts'
import { waitForHttpReady } from '../../../src/cli/devnet/waitForHttpReady.ts'
import {
  roleKeyEnv,
  writeGatewayConfig,
  writeRelayMinerConfig,
} from '../../../src/cli/devnet/writeRoleConfigs.ts'
import type { LabHost, NetnsLab } from './netnsLab.ts'

/** The devnet's network spread over lab hosts: the chain, each relayminer and the gateway on its own host. */
export type HostsNetwork = {
  paths: DevnetPaths
  keys: DevnetKeys
  manifest: DeploymentManifest
  rpcUrl: string
  gatewayUrl: string
  apiKey: string
  relayMiners: { host: LabHost; role: RoleChild; url: string; operator: string }[]
  /** Stops every process (the lab itself is destroyed by its owner). */
  stop(): Promise<void>
}

const relayMinerPort = 8081
const gatewayPort = 8080

/**
 * Runs the devnet's roles on separate hosts of a network-namespace lab, with the same building blocks as
 * `decai devnet` (keys, model, deployment, provisioning, role configs and processes), but each process
 * launched inside its host's namespace and listening on its host's address.
 *
 * @param parameters - the lab, a data directory, the supplier host names
 * @returns the running network
 * @example
 * const network = await startHostsNetwork({ lab, dataDir, supplierHosts: ['supplier-1'] })
 */
export async function startHostsNetwork(parameters: {
  lab: NetnsLab
  dataDir: string
  supplierHosts: readonly string[]
}): Promise<HostsNetwork> {
  const { lab } = parameters
  const logger = pino({ level: 'silent' })
  const paths = getDevnetPaths(parameters.dataDir)
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const run of stops.splice(0).reverse()) await run().catch(() => undefined)
  }
  try {
    const { keys } = await loadOrCreateDevnetKeys({
      file: paths.keys,
      supplierCount: parameters.supplierHosts.length,
    })
    const model = await ensureDemoModel({ dir: paths.modelDir, recordFile: paths.modelRecord, size: 'tiny' })
    const chain = await startChainOnHost(lab.hosts.chain!)
    stops.push(chain.stop)
    const options = devnetOptionsSchema.parse({ dataDir: paths.root })
    const { manifest } = await ensureDeployment({ chain, paths, options, keys, logger })
    const suppliers = parameters.supplierHosts.map((name) => lab.hosts[name]!)
    const supplierEndpoints = suppliers.map((host) => `http://${host.address}:${relayMinerPort}`)
    await provisionNetwork({ rpcUrl: chain.rpcUrl, manifest, keys, model, supplierEndpoints, logger })
    const keeperClients = createDecaiClients({
      rpcUrl: chain.rpcUrl,
      account: keys.deployer.privateKey,
      logger,
    })
    const keeper = startSeedKeeper({ ledger: createLedger({ clients: keeperClients, manifest }), logger })
    stops.push(() => keeper.stop())
    const context = { paths, keys, rpcUrl: chain.rpcUrl, model, logger }
    const relayMiners = await Promise.all(
      suppliers.map((host, index) => startRelayMinerOnHost(context, host, index)),
    )
    stops.push(async () => void (await Promise.all(relayMiners.map(({ role }) => role.stop(10_000)))))
    const apiKey = await ensureDemoApiKey({
      storeDir: gatewayStoreDir(paths),
      keyFile: join(paths.gatewayDir, 'demo-api-key'),
    })
    const gateway = await startGatewayOnHost(context, lab.hosts.gateway!)
    stops.push(() => gateway.role.stop(10_000))
    await startBlockProduction({ chain, manifest, blockTimeSec: 1, shouldSkipToNextSession: true })
    return {
      paths,
      keys,
      manifest,
      rpcUrl: chain.rpcUrl,
      gatewayUrl: `${gateway.url}/v1`,
      apiKey,
      relayMiners,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

type Context = {
  paths: DevnetPaths
  keys: DevnetKeys
  rpcUrl: string
  model: { path: string; sha256: string }
  logger: Logger
}

async function startRelayMinerOnHost(context: Context, host: LabHost, index: number) {
  const configFile = await writeRelayMinerConfig({
    ...context,
    index,
    host: host.address,
    port: relayMinerPort,
    serviceId: devnetPlan.serviceId,
  })
  const operator = context.keys.suppliers[index]!.operator
  const logFile = context.paths.logOf(`relayminer-${index + 1}`)
  const role = spawnRole({
    name: `relayminer on ${host.name}`,
    args: ['relayminer', 'start', '--config', configFile],
    env: { [roleKeyEnv.operator]: operator.privateKey },
    logFile,
    launcher: host.launcher,
  })
  const url = `http://${host.address}:${relayMinerPort}`
  await waitForHttpReady({ url: `${url}/readyz`, role, logFile, timeoutMs: 120_000 })
  return { host, role, url, operator: operator.address }
}

async function startGatewayOnHost(context: Context, host: LabHost) {
  const configFile = await writeGatewayConfig({
    ...context,
    host: host.address,
    port: gatewayPort,
    serviceId: devnetPlan.serviceId,
    application: context.keys.application.address,
  })
  const logFile = context.paths.logOf('gateway')
  const role = spawnRole({
    name: `gateway on ${host.name}`,
    args: ['gateway', 'start', '--config', configFile],
    env: { [roleKeyEnv.gateway]: context.keys.gateway.privateKey },
    logFile,
    launcher: host.launcher,
  })
  const url = `http://${host.address}:${gatewayPort}`
  await waitForHttpReady({
    url: `${url}/healthz`,
    role,
    logFile,
    timeoutMs: 120_000,
    isReady: async (response) =>
      response.ok && ((await response.json()) as { height?: unknown }).height != null,
  })
  return { role, url }
}

// anvil inside the chain host's namespace, under the same supervisor `startLocalChain` uses (it dies with
// this process); automine until the network is ready, as the devnet does.
async function startChainOnHost(
  host: LabHost,
): Promise<StartLocalChainReturnType & { stop: () => Promise<void> }> {
  const port = 8545
  const args = buildAnvilArgs({ host: host.address, port, blockTimeSec: 1 })
  const child = spawnSupervised(host.launcher[0]!, [...host.launcher.slice(1), resolveAnvilPath(), ...args])
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const rpcUrl = `http://${host.address}:${port}`
  const chainId = await waitForRpc({ url: rpcUrl, timeoutMs: 30_000 })
  const request = <T>(method: string, params: readonly unknown[] = []) =>
    jsonRpcRequest<T>({ url: rpcUrl, method, params })
  await request('evm_setAutomine', [true])
  return {
    rpcUrl,
    host: host.address,
    port,
    chainId,
    stateFile: undefined,
    request,
    mine: async (blocks = 1) => void (await request('anvil_mine', [numberToHex(blocks)])),
    isRunning: () => child.exitCode === null,
    stop: async () => {
      child.stdin?.end()
      await exited
    },
  }
}
