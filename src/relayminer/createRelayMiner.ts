import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { InferenceBackend } from '../inference/backend.ts'
import type { Hex } from '../protocol/bytes/bytes.ts'
import { baseTarget } from '../protocol/difficulty/baseTarget.ts'
import type { ServiceObjectives } from '../protocol/objectives/types.ts'
import type { ClaimProfitability } from './claim/evaluateClaim.ts'
import type { Secret } from './config/secret.ts'
import { ChainUnavailableError } from './errors.ts'
import { createSessionLifecycle, type SessionLifecycle } from './lifecycle/createSessionLifecycle.ts'
import { createRelayMeter } from './meter/createRelayMeter.ts'
import { createRelayMinerMetrics, type RelayMinerMetrics } from './metrics/createRelayMinerMetrics.ts'
import { signObjectivesAdvertisements } from './objectives/signObjectivesAdvertisements.ts'
import type { Ledger, LedgerInfo, OnchainSession } from './ports.ts'
import { createRelayService, type RelayService } from './relay/createRelayService.ts'
import { createRelayMinerApp } from './server/createRelayMinerApp.ts'
import { type BlockClock, createBlockClock } from './session/createBlockClock.ts'
import { createSessionCache } from './session/createSessionCache.ts'
import { createSessionTrees } from './session/createSessionTrees.ts'
import { openSessionTreeStore, type SessionTreeStore } from './store/index.ts'

/** A supplier operator served by this process. */
export type RelayMinerSupplier = {
  operatorAddress: Hex
  privateKey: Secret<Hex>
  serviceIds: readonly string[]
}

export type CreateRelayMinerParameters = {
  suppliers: readonly RelayMinerSupplier[]
  /** Service id → backend (already loaded and verified). */
  backends: ReadonlyMap<string, InferenceBackend>
  ledger: Ledger
  storeDir: string
  logger: Logger
  pollIntervalMs: number
  maxBodyBytes: number
  requestTimeoutMs: number
  claims: ClaimProfitability & { shouldSettle: boolean; drainTimeoutMs: number }
  /** Serve /metrics on the main app (default true). */
  shouldServeMetrics?: boolean
  /** Quality objectives per service id, advertised signed on `GET /v1/objectives`. */
  objectives?: ReadonlyMap<string, ServiceObjectives>
}

/** A wired relayminer: HTTP app, lifecycle and their shared state. */
export type RelayMiner = {
  app: Hono
  relays: RelayService
  metrics: RelayMinerMetrics
  store: SessionTreeStore
  clock: BlockClock
  lifecycle: SessionLifecycle
  ledgerInfo: LedgerInfo
  /** Reads the chain once, then follows it. */
  start(): Promise<void>
  /** Stops following the chain and closes the store (serve no more relays before calling it). */
  stop(): Promise<void>
}

/**
 * Wires a relayminer from its parts (docs/relayminer.md, "Pipeline"): opens the crash-safe store
 * (replaying what a previous process acknowledged), reads the ledger's domain and grid, and builds the
 * relay path (session cache, meter, trees), the lifecycle and the HTTP app. Nothing here reads the
 * environment or the config file; the CLI does that once.
 *
 * @param parameters - suppliers, backends, ledger, store directory, logger, limits, claim settings
 * @returns the relayminer; call `start()` then serve `app`
 * @example
 * const relayMiner = await createRelayMiner({ suppliers, backends, ledger, storeDir, logger, … })
 * await relayMiner.start()
 * serve({ fetch: relayMiner.app.fetch, port: 8080 })
 */
export async function createRelayMiner(parameters: CreateRelayMinerParameters): Promise<RelayMiner> {
  const { ledger, logger } = parameters
  const store = await openSessionTreeStore({ dir: parameters.storeDir })
  logger.info({ recovery: store.recovery, trees: store.listTrees().length }, 'session tree store opened')
  let ledgerInfo: LedgerInfo
  try {
    ledgerInfo = await ledger.getLedgerInfo()
  } catch (cause) {
    await store.close()
    throw new ChainUnavailableError({ cause })
  }
  const metrics = createRelayMinerMetrics({ store })
  const clock = createBlockClock({
    ledger,
    logger: logger.child({ component: 'clock' }),
    pollIntervalMs: parameters.pollIntervalMs,
  })
  const sessions = createSessionCache({ ledger, logger })
  const trees = createSessionTrees(store)
  const meter = createRelayMeter({ spentBefore: (treeKey, session) => spentBefore(store, treeKey, session) })
  const relays = createRelayService({
    verifier: {
      ledgerInfo,
      servedServices: new Map(parameters.suppliers.map((s) => [s.operatorAddress, new Set(s.serviceIds)])),
      sessions,
      currentHeight: () => (clock.isFresh() ? clock.height : undefined),
    },
    operatorKeys: new Map(parameters.suppliers.map((s) => [s.operatorAddress, s.privateKey])),
    backends: parameters.backends,
    meter,
    trees,
    metrics,
    logger: logger.child({ component: 'relay' }),
    requestTimeoutMs: parameters.requestTimeoutMs,
  })
  const lifecycle = createSessionLifecycle({
    ledger,
    ledgerInfo,
    store,
    trees,
    metrics,
    logger: logger.child({ component: 'lifecycle' }),
    claims: parameters.claims,
  })
  clock.onBlock(async (height) => {
    metrics.blockHeight.set(Number(height))
    sessions.onBlock(height)
    meter.evict(height)
    await lifecycle.tick(height)
  })
  let isStopped = false
  const readiness = () => [
    ...(clock.isFresh() ? [] : ['chain height is stale']),
    ...(isStopped ? ['stopping'] : []),
  ]
  const app = createRelayMinerApp({
    relays,
    metrics,
    logger: logger.child({ component: 'http' }),
    readiness,
    maxBodyBytes: parameters.maxBodyBytes,
    shouldServeMetrics: parameters.shouldServeMetrics ?? true,
    advertisements: signObjectivesAdvertisements({
      suppliers: parameters.suppliers,
      objectives: parameters.objectives ?? new Map(),
      issuedAt: Date.now(),
    }),
  })
  return {
    app,
    relays,
    metrics,
    store,
    clock,
    lifecycle,
    ledgerInfo,
    async start() {
      await clock.poll()
      clock.start()
    },
    async stop() {
      isStopped = true
      await clock.stop()
      await store.close()
    },
  }
}

// After a restart the meter restarts empty; the tree of a session still being served tells how much it
// already spent in expectation: its mined compute units times the difficulty multiplier.
function spentBefore(store: SessionTreeStore, treeKey: string, session: OnchainSession): bigint {
  const tree = store.getTree(treeKey)
  if (!tree || tree.sum === 0n) return 0n
  return (tree.sum * baseTarget * session.cuToToken.numerator) / session.difficultyTarget
}
