import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { GatewayApplication, GatewayConfig } from './config/loadGatewayConfig.ts'
import type { GatewayVariables } from './http/authenticate.ts'
import { createGatewayApp } from './http/createGatewayApp.ts'
import { createGatewayListener } from './http/node/createGatewayListener.ts'
import type { NodeRequestHandler } from './http/node/createNodeInferenceHandler.ts'
import { createRateLimiter } from './keys/createRateLimiter.ts'
import { type KeyStore, openKeyStore } from './keys/openKeyStore.ts'
import { createGatewayMetrics, type GatewayMetrics } from './metrics/createGatewayMetrics.ts'
import type { ServiceCatalog, SessionSource, SupplierTransport, VerdictSource } from './ports.ts'
import {
  createSupplierScores,
  type ScoreOptions,
  type SupplierScores,
} from './routing/createSupplierScores.ts'
import { createSupplierSelector } from './routing/createSupplierSelector.ts'
import type { RouterContext } from './routing/types.ts'
import { createSessionCache } from './session/createSessionCache.ts'
import { createHttpSupplierTransport } from './transport/createHttpSupplierTransport.ts'

export type CreateGatewayParameters = {
  config: GatewayConfig
  sessionSource: SessionSource
  catalog: ServiceCatalog
  logger: Logger
  /** Default: HTTP(S) with undici (`createHttpSupplierTransport`). */
  transport?: SupplierTransport
  /** Watcher verdicts to score suppliers on. */
  verdicts?: VerdictSource
  /** Sees each valid client request, e.g. a watcher in the same process that imitates their shapes. */
  observeRequest?: RouterContext['observeRequest']
  /** Default: an lmdb store in `config.store.dir` when keys are required, none otherwise. */
  keyStore?: KeyStore
  scoreOptions?: Partial<ScoreOptions>
  /** Clock (ms) and randomness, injectable for tests. */
  nowMs?: () => number
  random?: () => number
}

/** A wired gateway: the HTTP app, and what runs behind it. */
export type Gateway = {
  app: Hono<{ Variables: GatewayVariables }>
  /**
   * The app for Node's HTTP server (`http.createServer(gateway.listener)`): the inference endpoints on
   * Node's request and response directly, everything else through `app`. Serve this rather than
   * `app.fetch` on Node: the relay path then costs less CPU per request.
   */
  listener: NodeRequestHandler
  router: RouterContext
  metrics: GatewayMetrics
  scores: SupplierScores
  keyStore: KeyStore | undefined
  /** Follows the chain: reads the height every `chain.pollIntervalMs` and prefetches new sessions. */
  start(): Promise<void>
  /** Stops following the chain and closes the key store. */
  stop(): Promise<void>
}

/**
 * Wires a gateway from its parts (docs/gateway.md, "How it works"): reads the ledger's domain and
 * session grid once, then builds the session cache, score book, selector, metrics, key store, rate
 * limiter and the HTTP app. Nothing here reads the environment or the config file; the CLI does that.
 *
 * @param parameters - config, ledger ports, logger, optional transport, verdicts, key store, clock
 * @returns the gateway; call `start()` then serve `listener` (or `app.fetch` off Node)
 * @example
 * const gateway = await createGateway({ config, sessionSource, catalog, logger })
 * await gateway.start()
 * createServer(gateway.listener).listen(config.server.port, config.server.host)
 */
export async function createGateway(parameters: CreateGatewayParameters): Promise<Gateway> {
  const { config } = parameters
  const logger = parameters.logger.child({ component: 'gateway' })
  const nowMs = parameters.nowMs ?? Date.now
  const ledgerInfo = await parameters.sessionSource.getLedgerInfo()
  const scores = createSupplierScores({ ...parameters.scoreOptions, nowMs })
  const metrics = createGatewayMetrics(scores)
  const keyStore =
    parameters.keyStore ??
    (config.keys.isRequired ? openKeyStore({ dir: config.store.dir, nowMs }) : undefined)
  const sessions = createSessionCache({
    source: parameters.sessionSource,
    ledgerInfo,
    switchDelayBlocks: config.routing.sessionSwitchDelayBlocks,
    logger,
  })
  const router: RouterContext = {
    ledgerInfo,
    sessions,
    applicationsByService: groupByService(config.applications),
    transport:
      parameters.transport ??
      createHttpSupplierTransport({ connectTimeoutMs: config.routing.connectTimeoutMs }),
    scores,
    selector: createSupplierSelector({
      scores,
      operatorShareCap: config.routing.operatorShareCap,
      ...(parameters.random ? { random: parameters.random } : {}),
    }),
    metrics,
    routing: config.routing,
    logger,
    nowMs,
    rotations: new Map(),
    observeRequest: parameters.observeRequest,
  }
  const unsubscribe = parameters.verdicts?.subscribe((verdict) => {
    scores.recordVerdict(verdict.supplier.toLowerCase() as `0x${string}`, verdict.serviceId, verdict.outcome)
    logger.info(
      { supplier: verdict.supplier, outcome: verdict.outcome, reason: verdict.reason },
      'watcher verdict',
    )
  })
  const appParameters = {
    config,
    router,
    keyStore,
    limiter: createRateLimiter({ nowMs }),
    catalog: parameters.catalog,
    logger,
  }
  const app = createGatewayApp(appParameters)
  let timer: NodeJS.Timeout | undefined
  const poll = async () => {
    try {
      sessions.onHeight(await parameters.sessionSource.getBlockNumber())
    } catch (error) {
      logger.warn({ err: error }, 'cannot read the chain height; check the RPC endpoint')
    }
  }
  return {
    app,
    listener: createGatewayListener({ ...appParameters, app }),
    router,
    metrics,
    scores,
    keyStore,
    async start() {
      await poll()
      // Read every application's sessions now, so the first client request finds them cached.
      for (const application of config.applications)
        void sessions
          .usable({
            application: application.address,
            serviceId: application.serviceId,
            signer: application.signerAddress,
          })
          .catch((error: unknown) =>
            logger.warn({ err: error, serviceId: application.serviceId }, 'cannot read sessions yet'),
          )
      timer = setInterval(() => void poll(), config.chain.pollIntervalMs)
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
      unsubscribe?.()
      await keyStore?.close()
    },
  }
}

function groupByService(applications: readonly GatewayApplication[]): Map<string, GatewayApplication[]> {
  const byService = new Map<string, GatewayApplication[]>()
  for (const application of applications) {
    const list = byService.get(application.serviceId) ?? []
    list.push(application)
    byService.set(application.serviceId, list)
  }
  return byService
}
