import { join } from 'node:path'
import type { Logger } from 'pino'
import { isPortFree } from '../../chain/localChain/isPortFree.ts'
import { CliPortInUseError } from '../context/cliErrors.ts'
import type { DevnetKeys } from './devnetKeys.ts'
import type { DevnetPaths } from './devnetPaths.ts'
import { spawnRole } from './spawnRole.ts'
import { type SupervisedRole, superviseRole } from './superviseRole.ts'
import { waitForHttpReady } from './waitForHttpReady.ts'
import {
  roleKeyEnv,
  writeGatewayConfig,
  writeRelayMinerConfig,
  writeWatcherConfig,
} from './writeRoleConfigs.ts'

/** Where a started role listens. */
export type StartedRole = { role: SupervisedRole; url: string; configFile: string; logFile: string }

type RoleContext = {
  paths: DevnetPaths
  keys: DevnetKeys
  rpcUrl: string
  serviceId: string
  logger: Logger
  /** How long a role may take to become ready (model load, first block). */
  readyTimeoutMs: number
  onCrash: (role: string, exit: number | string, willRestart: boolean) => void
}

/**
 * Starts one relayminer per supplier, each a `decai relayminer start` process on the embedded llama.cpp
 * backend, and waits until each answers `/readyz`.
 *
 * @returns the started relayminers, in supplier order
 * @throws {CliPortInUseError} when a port is taken; {@link CliDevnetFailedError} when one does not start
 * @example
 * const relayMiners = await startRelayMiners({ ...context, ports: [8081, 8082, 8083], model })
 */
export async function startRelayMiners(
  context: RoleContext & { ports: readonly number[]; model: { path: string; sha256: string } },
): Promise<StartedRole[]> {
  const { paths, keys } = context
  for (const [index, port] of context.ports.entries())
    await assertPortFree(port, `relayminer ${index + 1}`, '--relayminer-ports')
  const started = keys.suppliers.map(async (supplier, index) => {
    const port = context.ports[index]!
    const name = `relayminer-${index + 1}`
    const configFile = await writeRelayMinerConfig({ ...context, paths, index, port })
    const env = { [roleKeyEnv.operator]: supplier.operator.privateKey }
    return startRole(context, {
      name,
      configFile,
      env,
      port,
      args: ['relayminer', 'start', '--config', configFile],
    })
  })
  const results = await Promise.allSettled(started)
  const failure = results.find((result) => result.status === 'rejected')
  const running = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  if (failure) {
    await Promise.allSettled(running.map(({ role }) => role.stop(10_000)))
    throw failure.reason
  }
  return running
}

/**
 * Starts the gateway (`decai gateway start`) in delegated mode for the devnet's application and waits until
 * it follows the chain.
 *
 * @returns the started gateway
 * @example
 * const gateway = await startGateway({ ...context, port: 8080 })
 */
export async function startGateway(
  context: RoleContext & { port: number; watcherUrl: string | undefined },
): Promise<StartedRole> {
  await assertPortFree(context.port, 'gateway', '--gateway-port')
  const watcher = context.watcherUrl
    ? { url: context.watcherUrl, address: context.keys.gateway.address }
    : undefined
  const configFile = await writeGatewayConfig({
    ...context,
    application: context.keys.application.address,
    watcher,
  })
  const env = { [roleKeyEnv.gateway]: context.keys.gateway.privateKey }
  return startRole(context, {
    name: 'gateway',
    configFile,
    env,
    port: context.port,
    args: ['gateway', 'start', '--config', configFile],
    // The gateway answers /healthz at once; it is ready once it has read a block height.
    isReady: async (response) =>
      response.ok && ((await response.json()) as { height?: unknown }).height != null,
    readyPath: '/healthz',
  })
}

/**
 * Starts the watcher (`decai watcher start`): it probes the suppliers with the gateway's key and publishes
 * signed verdicts that the gateway follows.
 *
 * @returns the started watcher
 * @example
 * const watcher = await startWatcher({ ...context, port: 8090, modelPath })
 */
export async function startWatcher(
  context: RoleContext & { port: number; modelPath: string },
): Promise<StartedRole> {
  await assertPortFree(context.port, 'watcher', '--watcher-port')
  const configFile = await writeWatcherConfig({ ...context, application: context.keys.application.address })
  return startRole(context, {
    name: 'watcher',
    configFile,
    env: { [roleKeyEnv.gateway]: context.keys.gateway.privateKey },
    port: context.port,
    args: ['watcher', 'start', '--config', configFile],
    readyPath: '/healthz',
  })
}

/**
 * Starts the explorer (`decai explorer`) on the devnet's deployment, with the gateway's and the watcher's
 * URLs for QoS and verdicts.
 *
 * @returns the started explorer
 * @example
 * const explorer = await startExplorer({ ...context, port: 8088, gatewayUrl, watcherUrl })
 */
export async function startExplorer(
  context: RoleContext & { port: number; gatewayUrl: string; watcherUrl: string | undefined },
): Promise<StartedRole> {
  await assertPortFree(context.port, 'explorer', '--explorer-port')
  const args = ['explorer', '--manifest', context.paths.manifest, '--rpc-url', context.rpcUrl]
  args.push(
    '--port',
    String(context.port),
    '--gateway-url',
    context.gatewayUrl,
    '--data-dir',
    context.paths.explorerDir,
  )
  if (context.watcherUrl) args.push('--watcher-url', context.watcherUrl)
  return startRole(context, {
    name: 'explorer',
    configFile: '',
    env: {},
    port: context.port,
    args,
    readyPath: '/',
  })
}

async function startRole(
  context: RoleContext,
  role: {
    name: string
    configFile: string
    env: Record<string, string>
    port: number
    args: string[]
    isReady?: (response: Response) => Promise<boolean>
    readyPath?: string
  },
): Promise<StartedRole> {
  const logFile = context.paths.logOf(role.name)
  const supervised = superviseRole({
    name: role.name,
    start: () => spawnRole({ name: role.name, args: role.args, env: role.env, logFile }),
    logger: context.logger,
    onCrash: (exit, willRestart) => context.onCrash(role.name, exit, willRestart),
  })
  const url = `http://127.0.0.1:${role.port}`
  try {
    await waitForHttpReady({
      url: `${url}${role.readyPath ?? '/readyz'}`,
      role: supervised.current(),
      logFile,
      timeoutMs: context.readyTimeoutMs,
      isReady: role.isReady,
    })
  } catch (error) {
    await supervised.stop(5_000)
    throw error
  }
  return { role: supervised, url, configFile: role.configFile, logFile }
}

async function assertPortFree(port: number, role: string, option: string): Promise<void> {
  if (!(await isPortFree('127.0.0.1', port))) throw new CliPortInUseError({ port, role, option })
}

/** The gateway's store directory as its config names it (relative to the config file). */
export const gatewayStoreDir = (paths: DevnetPaths) => join(paths.gatewayDir, 'store')
