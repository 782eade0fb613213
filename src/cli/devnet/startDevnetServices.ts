import type { Logger } from 'pino'
import { findFreePort } from '../../chain/localChain/findFreePort.ts'
import type { Progress } from './createProgress.ts'
import type { DevnetKeys } from './devnetKeys.ts'
import type { DevnetOptions } from './devnetOptions.ts'
import type { DevnetPaths } from './devnetPaths.ts'
import { devnetPlan } from './devnetPlan.ts'
import {
  type StartedRole,
  startExplorer,
  startGateway,
  startRelayMiners,
  startWatcher,
} from './startDevnetRoles.ts'

/** The devnet's role processes, by role. */
export type DevnetServices = {
  relayMiners: StartedRole[]
  watcher: StartedRole | undefined
  gateway: StartedRole
  explorer: StartedRole | undefined
}

/**
 * Starts every role process in dependency order: the relayminers and the watcher (both load the model)
 * together, then the gateway (which follows the watcher), then the explorer (which reads both). Each
 * started role is pushed on `stack` so that a failure, or the stop, unwinds in reverse order.
 *
 * @returns the started roles
 * @example
 * const services = await startDevnetServices({ options, paths, keys, rpcUrl, modelPath, logger, progress, stack })
 */
export async function startDevnetServices(parameters: {
  options: DevnetOptions
  paths: DevnetPaths
  keys: DevnetKeys
  rpcUrl: string
  model: { path: string; sha256: string }
  logger: Logger
  progress: Progress
  stack: Array<() => Promise<void>>
}): Promise<DevnetServices> {
  const { options, paths, progress, stack } = parameters
  const context = {
    paths,
    keys: parameters.keys,
    rpcUrl: parameters.rpcUrl,
    serviceId: devnetPlan.serviceId,
    logger: parameters.logger,
    readyTimeoutMs: 90_000,
    onCrash: (role: string, exit: number | string, willRestart: boolean) =>
      progress.note(
        `${role} exited (${exit}); ${willRestart ? 'restarting it' : 'giving up'}, see ${paths.logOf(role)}`,
      ),
  }
  const watcherPort = options.shouldRunWatcher ? await portOrFree(options.watcherPort) : undefined
  const [relayMinersResult, watcherResult] = await Promise.allSettled([
    progress.step(`start ${parameters.keys.suppliers.length} relayminers (embedded llama.cpp)`, () =>
      startRelayMiners({ ...context, ports: options.relayminerPorts, model: parameters.model }),
    ),
    watcherPort === undefined
      ? undefined
      : progress.step('start the watcher', () =>
          startWatcher({ ...context, port: watcherPort, modelPath: parameters.model.path }),
        ),
  ])
  // Whatever started is stopped on unwind, even when its sibling failed.
  if (relayMinersResult.status === 'fulfilled') stack.push(() => stopRoles(relayMinersResult.value, 20_000))
  if (watcherResult.status === 'fulfilled' && watcherResult.value) {
    const started = watcherResult.value
    stack.push(() => stopRoles([started], 10_000))
  }
  if (relayMinersResult.status === 'rejected') throw relayMinersResult.reason
  if (watcherResult.status === 'rejected') throw watcherResult.reason
  const relayMiners = relayMinersResult.value
  const watcher = watcherResult.value
  const gatewayPort = await portOrFree(options.gatewayPort)
  const gateway = await progress.step('start the gateway', () =>
    startGateway({ ...context, port: gatewayPort, watcherUrl: watcher?.url }),
  )
  stack.push(() => stopRoles([gateway], 10_000))
  const explorerPort = options.shouldRunExplorer ? await portOrFree(options.explorerPort) : undefined
  const explorer =
    explorerPort === undefined
      ? undefined
      : await progress.step('start the explorer', () =>
          startExplorer({
            ...context,
            port: explorerPort,
            gatewayUrl: gateway.url,
            watcherUrl: watcher?.url,
          }),
        )
  if (explorer) stack.push(() => stopRoles([explorer], 10_000))
  return { relayMiners, watcher, gateway, explorer }
}

async function portOrFree(port: number): Promise<number> {
  return port || findFreePort('127.0.0.1')
}

async function stopRoles(roles: readonly StartedRole[], timeoutMs: number): Promise<void> {
  await Promise.all(roles.map(({ role }) => role.stop(timeoutMs)))
}
