import { existsSync } from 'node:fs'
import type { Logger } from 'pino'
import {
  ChainNotDeployedError,
  ChainWrongChainError,
  createDecaiClients,
  type DeploymentManifest,
  deployDecai,
  readDeploymentManifest,
  type StartLocalChainReturnType,
  startLocalChain,
  verifyDeployment,
} from '../../chain/index.ts'
import { isPortFree } from '../../chain/localChain/isPortFree.ts'
import { CliDevnetFailedError, CliPortInUseError } from '../context/cliErrors.ts'
import { loadParamsPreset } from '../context/loadParamsPreset.ts'
import type { DevnetKeys } from './devnetKeys.ts'
import type { DevnetOptions } from './devnetOptions.ts'
import type { DevnetPaths } from './devnetPaths.ts'
import { devnetPlan } from './devnetPlan.ts'
import { fundDevnetAccounts } from './fundDevnetAccounts.ts'

/**
 * Starts the devnet's anvil on its state file, in automine mode for a fast setup (the caller switches to
 * `--block-time` mining with {@link startBlockProduction} once the ledger is ready).
 *
 * @returns the running chain
 * @throws {CliPortInUseError} when the RPC port is taken
 * @example
 * const chain = await startDevnetChain({ paths, options, logger })
 */
export async function startDevnetChain(parameters: {
  paths: DevnetPaths
  options: DevnetOptions
  logger: Logger
}): Promise<StartLocalChainReturnType> {
  const { paths, options, logger } = parameters
  if (options.rpcPort !== 0 && !(await isPortFree('127.0.0.1', options.rpcPort)))
    throw new CliPortInUseError({ port: options.rpcPort, role: 'chain RPC', option: '--rpc-port' })
  const chain = await startLocalChain({
    host: '127.0.0.1',
    port: options.rpcPort,
    stateFile: paths.chainState,
    blockTimeSec: options.blockTimeSec,
    logger,
  })
  // Setup sends a few dozen transactions; one block each is seconds instead of a minute at 1 block/s.
  await chain.request('evm_setAutomine', [true])
  return chain
}

/**
 * Deploys the ledger on the first start, or checks that the manifest still matches the chain on a restart.
 * Gas money for every devnet account comes first.
 *
 * @returns the deployment manifest and whether it was deployed now
 * @throws {CliDevnetFailedError} when the manifest does not match the chain (a lost state file)
 * @example
 * const { manifest } = await ensureDeployment({ chain, paths, options, keys, logger })
 */
export async function ensureDeployment(parameters: {
  chain: StartLocalChainReturnType
  paths: DevnetPaths
  options: DevnetOptions
  keys: DevnetKeys
  logger: Logger
}): Promise<{ manifest: DeploymentManifest; isDeployed: boolean }> {
  const { chain, paths, options, keys, logger } = parameters
  await fundDevnetAccounts({
    request: chain.request,
    addresses: allAddresses(keys),
    balanceWei: devnetPlan.gasBalanceWei,
  })
  const clients = createDecaiClients({ rpcUrl: chain.rpcUrl, account: keys.deployer.privateKey, logger })
  if (existsSync(paths.manifest)) {
    const manifest = await readDeploymentManifest(paths.manifest)
    try {
      await verifyDeployment(clients, manifest)
    } catch (error) {
      if (!(error instanceof ChainNotDeployedError || error instanceof ChainWrongChainError)) throw error
      throw new CliDevnetFailedError({
        step: 'find its contracts on the chain',
        hint: `The chain state (${paths.chainState}) no longer holds the deployment; start over with --reset.`,
        cause: error,
      })
    }
    return { manifest, isDeployed: false }
  }
  const manifest = await deployDecai({
    clients,
    params: await loadParamsPreset(options.params),
    dao: keys.dao.address,
    manifestPath: paths.manifest,
  })
  return { manifest, isDeployed: true }
}

/**
 * Leaves setup mode: mines up to the next session start when stakes changed (they take effect there, so
 * the network is usable at once), then mines one block every `blockTimeSec` so that sessions move on.
 *
 * @example
 * await startBlockProduction({ chain, manifest, blockTimeSec: 1, shouldSkipToNextSession: true })
 */
export async function startBlockProduction(parameters: {
  chain: StartLocalChainReturnType
  manifest: DeploymentManifest
  blockTimeSec: number
  shouldSkipToNextSession: boolean
}): Promise<void> {
  const { chain, manifest } = parameters
  if (parameters.shouldSkipToNextSession) {
    const height = BigInt(await chain.request<string>('eth_blockNumber'))
    const sinceGenesis = height - manifest.genesisHeight
    const nextStart =
      manifest.genesisHeight +
      (sinceGenesis / manifest.numBlocksPerSession + 1n) * manifest.numBlocksPerSession
    await chain.mine(Number(nextStart - height))
  }
  await chain.request('evm_setIntervalMining', [parameters.blockTimeSec])
}

function allAddresses(keys: DevnetKeys) {
  const singles = [keys.deployer, keys.dao, keys.champion, keys.application, keys.gateway]
  return [...singles, ...keys.suppliers.flatMap((s) => [s.owner, s.operator])].map((key) => key.address)
}
