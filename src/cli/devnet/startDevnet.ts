import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import {
  createDecaiClients,
  createLedger,
  type StartLocalChainReturnType,
  startSeedKeeper,
} from '../../chain/index.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { acquireDevnetLock } from './acquireDevnetLock.ts'
import type { Progress } from './createProgress.ts'
import { loadOrCreateDevnetKeys } from './devnetKeys.ts'
import type { DevnetOptions } from './devnetOptions.ts'
import { type DevnetPaths, getDevnetPaths } from './devnetPaths.ts'
import { devnetPlan } from './devnetPlan.ts'
import { buildDevnetStatus, type DevnetStatus, writeDevnetStatus } from './devnetStatus.ts'
import { ensureDemoApiKey } from './ensureDemoApiKey.ts'
import { ensureDemoModel } from './ensureDemoModel.ts'
import { provisionNetwork } from './provisionNetwork.ts'
import { ensureDeployment, startBlockProduction, startDevnetChain } from './startDevnetChain.ts'
import { gatewayStoreDir } from './startDevnetRoles.ts'
import { startDevnetServices } from './startDevnetServices.ts'

/** A running devnet. */
export type Devnet = {
  status: DevnetStatus
  /** Stops the gateway, then the relayminers, then the chain (which dumps its state). Idempotent. */
  stop(): Promise<void>
}

/**
 * Starts (or resumes) the whole local network: chain, ledger, demo model, stakes, relayminers and gateway
 * (docs/devnet.md). Each step is idempotent, so a second start with the same data directory resumes the
 * same network with the same keys; a failure stops whatever had started.
 *
 * @param parameters - parsed options, the devnet's logger and the progress printer
 * @returns the running devnet
 * @throws {CliDevnetLockedError}, {@link CliPortInUseError}, {@link CliDevnetFailedError} and chain errors
 * @example
 * const devnet = await startDevnet({ options, logger, progress })
 * process.once('SIGINT', () => devnet.stop())
 */
export async function startDevnet(parameters: {
  options: DevnetOptions
  logger: Logger
  progress: Progress
}): Promise<Devnet> {
  const { options, logger, progress } = parameters
  if (options.relayminerPorts.length < options.suppliers)
    throw new CliInvalidArgumentError({
      option: '--relayminer-ports',
      reason: `${options.suppliers} suppliers need ${options.suppliers} ports, got ${options.relayminerPorts.length}`,
      hint: `Give one per supplier, e.g. --relayminer-ports ${suggestPorts(options).join(',')}`,
    })
  const paths = getDevnetPaths(options.dataDir)
  const releaseLock = acquireDevnetLock(paths.lock)
  const stack: Array<() => Promise<void>> = []
  const unwind = async () => {
    for (const stop of stack.splice(0).reverse())
      await stop().catch((error) => logger.error({ err: error }, 'stop failed'))
  }
  try {
    if (options.shouldReset) await progress.step('reset the data directory', () => clearDataDir(paths))
    const status = await bringUp({ ...parameters, paths, stack })
    let stopping: Promise<void> | undefined
    const stop = () => {
      stopping ??= unwind()
        .then(() => rm(paths.status, { force: true }))
        .finally(releaseLock)
      return stopping
    }
    return { status, stop }
  } catch (error) {
    await unwind()
    releaseLock()
    throw error
  }
}

async function bringUp(parameters: {
  options: DevnetOptions
  logger: Logger
  progress: Progress
  paths: DevnetPaths
  stack: Array<() => Promise<void>>
}): Promise<DevnetStatus> {
  const { options, logger, progress, paths, stack } = parameters
  const { keys, isNew } = await progress.step(
    'load the devnet keys',
    () => loadOrCreateDevnetKeys({ file: paths.keys, supplierCount: options.suppliers }),
    (result) => (result.isNew ? `created ${paths.keys} (dev only)` : paths.keys),
  )
  const model = await progress.step(
    `prepare the demo model (${options.modelSize}, F16)`,
    () => ensureDemoModel({ dir: paths.modelDir, recordFile: paths.modelRecord, size: options.modelSize }),
    (m) =>
      `${m.isGenerated ? 'generated' : 'cached'} sha256 ${m.sha256.slice(0, 16)}…, ${(m.byteLength / 1e6).toFixed(1)} MB`,
  )
  const chain = await progress.step(
    'start the chain (anvil)',
    () => startDevnetChain({ paths, options, logger }),
    (c) => c.rpcUrl,
  )
  stack.push(() => chain.stop())
  const { manifest, isDeployed } = await progress.step(
    isNew ? 'deploy the ledger contracts' : 'find the ledger contracts',
    () => ensureDeployment({ chain, paths, options, keys, logger }),
    (d) => `${d.isDeployed ? 'deployed' : 'reused'} (${d.manifest.preset} parameters)`,
  )
  const supplierEndpoints = options.relayminerPorts
    .slice(0, options.suppliers)
    .map((port) => `http://127.0.0.1:${port}`)
  const { changes } = await progress.step(
    'register the service, stake the application, the gateway and the suppliers',
    () => provisionNetwork({ rpcUrl: chain.rpcUrl, manifest, keys, model, supplierEndpoints, logger }),
    (p) => (p.changes.length === 0 ? 'already in place' : `${p.changes.length} changes`),
  )
  for (const change of changes) progress.note(change)
  // Seeds must be on the ledger before anvil restarts: it cannot give old block hashes back (docs/protocol.md §3.2).
  const keeper = startSeedKeeper({
    ledger: createLedger({
      clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: keys.deployer.privateKey, logger }),
      manifest,
    }),
    logger,
  })
  stack.push(() => keeper.stop())
  const status = await startServices({ ...parameters, chain, keys, model, manifest })
  // The chain stays paused (automine, no transactions) until every role is ready, so neither the setup nor
  // a restart eats into a session's relay, claim or proof windows: to the network, the downtime never happened.
  await startBlockProduction({
    chain,
    manifest,
    blockTimeSec: options.blockTimeSec,
    shouldSkipToNextSession: isDeployed || changes.length > 0,
  })
  return status
}

async function startServices(
  parameters: Parameters<typeof bringUp>[0] & {
    chain: StartLocalChainReturnType
    keys: Awaited<ReturnType<typeof loadOrCreateDevnetKeys>>['keys']
    model: Awaited<ReturnType<typeof ensureDemoModel>>
    manifest: Parameters<typeof buildDevnetStatus>[0]['manifest']
  },
): Promise<DevnetStatus> {
  const { options, logger, progress, paths, stack, chain, keys, model, manifest } = parameters
  const apiKey = await ensureDemoApiKey({
    storeDir: gatewayStoreDir(paths),
    keyFile: join(paths.gatewayDir, 'demo-api-key'),
  })
  const services = await startDevnetServices({
    options,
    paths,
    keys,
    rpcUrl: chain.rpcUrl,
    model,
    logger,
    progress,
    stack,
  })
  // Stopping pauses the chain first (unwinding runs last-in first-out), for the same reason as above.
  stack.push(async () => void (await chain.request('evm_setAutomine', [true])))
  const status = buildDevnetStatus({
    paths,
    rpcUrl: chain.rpcUrl,
    blockTimeSec: options.blockTimeSec,
    manifest,
    keys,
    model,
    serviceId: devnetPlan.serviceId,
    apiKey,
    ...services,
  })
  await writeDevnetStatus(paths.status, status)
  return status
}

// Everything but the lock, which this process holds.
async function clearDataDir(paths: DevnetPaths): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(paths.root)
  } catch {
    return
  }
  await Promise.all(
    entries
      .filter((name) => join(paths.root, name) !== paths.lock)
      .map((name) => rm(join(paths.root, name), { recursive: true, force: true })),
  )
}

// The given ports, then the next ones after the last, one per supplier.
function suggestPorts({ relayminerPorts, suppliers }: DevnetOptions): number[] {
  const last = relayminerPorts.at(-1) ?? 8080
  return Array.from(
    { length: suppliers },
    (_, i) => relayminerPorts[i] ?? last + i - relayminerPorts.length + 1,
  )
}
