import { join } from 'node:path'
import type { Logger } from 'pino'
import { isPortFree } from '../../chain/localChain/isPortFree.ts'
import { CliPortInUseError } from '../context/cliErrors.ts'
import type { DevnetKeys } from './devnetKeys.ts'
import type { DevnetPaths } from './devnetPaths.ts'
import { spawnRole } from './spawnRole.ts'
import { type SupervisedRole, superviseRole } from './superviseRole.ts'
import { waitForHttpReady } from './waitForHttpReady.ts'
import { roleKeyEnv, writeGatewayConfig, writeRelayMinerConfig } from './writeRoleConfigs.ts'

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
export async function startGateway(context: RoleContext & { port: number }): Promise<StartedRole> {
  await assertPortFree(context.port, 'gateway', '--gateway-port')
  const configFile = await writeGatewayConfig({ ...context, application: context.keys.application.address })
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
