import type { Logger } from 'pino'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import type { Gateway, GatewayConfig } from '../../gateway/index.ts'
import { listRoutedSuppliers } from '../../gateway/watcher/listRoutedSuppliers.ts'
import { preparePinnedRelay } from '../../gateway/watcher/preparePinnedRelay.ts'
import type { EmbeddedWatcherConfig } from '../../watcher/config/loadWatcherConfig.ts'
import {
  createWatcher,
  type ProbeTarget,
  type TargetSource,
  type Watcher,
  WatcherConfigError,
  type WatcherVerdict,
} from '../../watcher/index.ts'
import {
  createRoutedProbeTransport,
  type ProbeRouter,
} from '../../watcher/transport/createRoutedProbeTransport.ts'
import { createChainReportCommitter } from './createChainReportCommitter.ts'
import { loadReferenceModels } from './loadReferenceModels.ts'
import { toPreparedProbeRelay } from './toPreparedProbeRelay.ts'

export type StartGatewayWatcherParameters = {
  gateway: Gateway
  gatewayConfig: GatewayConfig
  watcherConfig: EmbeddedWatcherConfig
  ledger: Ledger
  logger: Logger
  /** Where verdict changes go: the gateway's verdict source, so they reach its score book at once. */
  onVerdict: (verdict: WatcherVerdict) => void
}

/** A watcher running inside a gateway process. */
export type GatewayWatcher = { watcher: Watcher; stop(): Promise<void> }

/**
 * Runs a watcher inside a gateway (docs/watcher.md, "Inside a gateway"): it audits the suppliers the
 * gateway routes to, sends its probes through the gateway's own router (same applications, sessions,
 * signer, request parsing and transport, at Poisson times among the clients' requests), hands verdict
 * changes to `onVerdict`, and serves its signed reports on the gateway's port under `/watcher/`
 * (`GET /watcher/reports`, `GET /watcher/reports/:supplier`). Reports are signed with the key of the
 * gateway's first application's signer: the gateway's own key in delegated mode.
 *
 * @param parameters - the gateway, both configs, the ledger, a logger and the verdict sink.
 * @returns the watcher (already started) and `stop()`, which also closes the reference models.
 * @throws {WatcherConfigError} for an audited service the gateway does not serve.
 * @throws {ReferenceMismatchError} when a reference file is not the registered artifact.
 * @throws {ChainNotDeployedError} with `commitReportsOnChain` on a deployment without `WatcherReports`.
 * @example
 * const audit = await startGatewayWatcher({ gateway, gatewayConfig, watcherConfig, ledger, logger, onVerdict })
 */
export async function startGatewayWatcher(
  parameters: StartGatewayWatcherParameters,
): Promise<GatewayWatcher> {
  const { gateway, gatewayConfig, watcherConfig } = parameters
  const logger = parameters.logger.child({ component: 'watcher' })
  for (const { serviceId } of watcherConfig.services)
    if (gatewayConfig.models[serviceId] !== serviceId)
      throw new WatcherConfigError({
        details: `watcher.services.${serviceId}: the gateway serves no such service`,
      })
  const privateKey = gatewayConfig.applications[0]!.signerKey.reveal()
  const commitments = watcherConfig.shouldCommitReports
    ? createChainReportCommitter({
        ledger: parameters.ledger,
        rpcUrl: gatewayConfig.chain.rpcUrl,
        privateKey,
        logger,
      })
    : undefined
  const references = await loadReferenceModels(parameters.ledger, watcherConfig.services, logger)
  const watcher = createWatcher({
    settings: watcherConfig.settings,
    transport: createRoutedProbeTransport({ router: gatewayRouter(gateway, gatewayConfig) }),
    targets: routedTargets(gateway, watcherConfig, logger),
    references,
    privateKey,
    logger,
    ...(commitments ? { commitments } : {}),
  })
  const unsubscribe = watcher.subscribe(parameters.onVerdict)
  gateway.app.route('/watcher', watcher.app)
  watcher.start()
  logger.info(
    { watcher: watcher.address, services: [...references.keys()] },
    'watcher running inside the gateway; reports on GET /watcher/reports',
  )
  return {
    watcher,
    async stop() {
      unsubscribe()
      await watcher.stop()
      await Promise.all([...references.values()].map((reference) => reference.close()))
    },
  }
}

// The watcher's probe router over the gateway's own: a probe is relayed like a client's request.
function gatewayRouter(gateway: Gateway, config: GatewayConfig): ProbeRouter {
  return {
    prepare: async (target, request) =>
      toPreparedProbeRelay(
        await preparePinnedRelay(gateway.router, {
          supplier: target.supplier,
          body: request as unknown as Record<string, unknown>,
          models: config.models,
        }),
      ),
  }
}

// The suppliers of the sessions the gateway routes each audited service to; a service whose sessions
// cannot be read now is skipped until the next refresh.
function routedTargets(gateway: Gateway, config: EmbeddedWatcherConfig, logger: Logger): TargetSource {
  return {
    async listTargets() {
      const perService = await Promise.all(
        config.services.map(async ({ serviceId }): Promise<ProbeTarget[]> => {
          try {
            const suppliers = await listRoutedSuppliers(gateway.router, serviceId)
            return suppliers.map(({ operator, endpoint }) => ({ supplier: operator, serviceId, endpoint }))
          } catch (error) {
            logger.warn({ err: error, serviceId }, 'cannot list the suppliers to audit yet')
            return []
          }
        }),
      )
      return perService.flat()
    },
  }
}
