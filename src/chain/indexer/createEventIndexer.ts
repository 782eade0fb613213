import { type Logger, pino } from 'pino'
import type { DecaiClients } from '../client/createDecaiClients.ts'
import { toChainError } from '../client/toChainError.ts'
import { ChainIndexerError } from '../errors/indexer.ts'
import type { defaultDimensionsByArgName } from './computeEventIndexKeys.ts'
import { createSubscriptions, type Subscriptions } from './createSubscriptions.ts'
import { type EventStore, openEventStore } from './openEventStore.ts'
import { syncStep } from './syncStep.ts'
import type { IndexedContract } from './types.ts'

export type CreateEventIndexerParameters = {
  clients: DecaiClients
  contracts: readonly IndexedContract[]
  /** Where indexing starts on an empty store: the deployment block. */
  fromBlock: bigint
  /** Directory of the embedded store (created if missing). */
  path: string
  logger?: Logger | undefined
  /** Pause between polls once caught up. Default: the clients' polling interval. */
  pollingIntervalMs?: number | undefined
  /** Blocks per `eth_getLogs` request; public RPCs cap ranges. Default 2 000. */
  maxBlockRange?: bigint | undefined
  /** Stay this many blocks behind the head (0 on dev chains). Default 0. */
  confirmations?: bigint | undefined
  /** How far back to re-index when the checkpoint block's hash changed (a reorg). Default 64. */
  reorgRewindBlocks?: bigint | undefined
  dimensionsByArgName?: typeof defaultDimensionsByArgName | undefined
}

/** Whether the indexer can reach the node: what a dashboard shows when the chain goes quiet. */
export type IndexerSyncStatus = {
  /** When a sync step last succeeded (ms since the epoch); null before the first. */
  lastSyncedAtMs: number | null
  /** Since when every sync step has failed (the first failure of the current run); null while syncing works. */
  failingSinceMs: number | null
  /** The latest failure (a chain error), while `failingSinceMs` is set. */
  lastError: Error | undefined
}

export type EventIndexer = Pick<Subscriptions, 'subscribe' | 'waitForBlock'> &
  Pick<EventStore, 'getEvents' | 'getEvent' | 'getCheckpoint'> & {
    /** The outcome of the latest sync steps: a node that stops answering shows here, not only in the logs. */
    getSyncStatus: () => IndexerSyncStatus
    /** Follows the chain in the background until `stop()`. Idempotent. */
    start: () => void
    /** Indexes up to the current head once and returns the checkpoint. */
    sync: () => Promise<bigint | undefined>
    /** Stops following, rejects pending waits and closes the store. */
    stop: () => Promise<void>
  }

/**
 * Creates the event indexer: it follows the decai contracts from their deployment block (or its stored
 * checkpoint), decodes every event, and keeps them in an embedded store that the explorer and the
 * relayminer query by session, supplier, service, application, gateway, type and block range, or
 * subscribe to.
 *
 * Events and the checkpoint are committed together, keyed by `[block, logIndex]`, so a restart resumes
 * where it stopped and re-indexing a range rewrites the same records (idempotent). RPC outages are ridden out
 * with backoff. A different deployment (chain reset, redeploy) is detected and the store is rebuilt.
 *
 * @returns the {@link EventIndexer}; call `start()` to follow, or `sync()` to catch up once
 * @throws {ChainIndexerError} when the store cannot be opened
 * @example
 * const indexer = createEventIndexer({ clients, contracts: manifestContracts(manifest), fromBlock: manifest.deployBlock, path })
 * indexer.start()
 * indexer.subscribe({ eventName: 'ClaimSubmitted' }, (event) => console.log(event.args))
 */
export function createEventIndexer(parameters: CreateEventIndexerParameters): EventIndexer {
  const { clients } = parameters
  const logger = (parameters.logger ?? clients.logger ?? pino({ level: 'silent' })).child({
    component: 'indexer',
  })
  const store = openEventStore({ path: parameters.path, dimensionsByArgName: parameters.dimensionsByArgName })
  const subscriptions = createSubscriptions({
    logger,
    getCheckpoint: () => store.getCheckpoint()?.blockNumber,
    timeoutError: (block, ms) =>
      new ChainIndexerError({ reason: `block ${block} was not indexed within ${ms} ms` }),
  })
  const state = { isIdentityChecked: false }
  let status: IndexerSyncStatus = { lastSyncedAtMs: null, failingSinceMs: null, lastError: undefined }
  const step = async () => {
    try {
      const hasMore = await syncStep({ ...parameters, store, logger, state, publish: subscriptions.publish })
      status = { lastSyncedAtMs: Date.now(), failingSinceMs: null, lastError: undefined }
      return hasMore
    } catch (error) {
      const chainError = toChainError(error, { rpcUrl: clients.rpcUrl, kind: 'call' })
      const lastError = chainError instanceof Error ? chainError : new Error(String(chainError))
      status = { ...status, failingSinceMs: status.failingSinceMs ?? Date.now(), lastError }
      throw error
    }
  }
  let lock: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn, fn)
    lock = run.catch(() => undefined)
    return run
  }
  const sync = () =>
    exclusive(async () => {
      while (await step()) {}
      return store.getCheckpoint()?.blockNumber
    })
  const stop = new AbortController()
  let loop: Promise<void> | undefined
  const pollingIntervalMs = parameters.pollingIntervalMs ?? clients.pollingIntervalMs
  return {
    ...subscriptions,
    getEvents: store.getEvents,
    getEvent: store.getEvent,
    getCheckpoint: store.getCheckpoint,
    getSyncStatus: () => status,
    sync,
    start() {
      loop ??= follow({
        run: () => exclusive(step),
        pollingIntervalMs,
        signal: stop.signal,
        logger,
        rpcUrl: clients.rpcUrl,
      })
    },
    async stop() {
      stop.abort()
      await loop
      await lock
      subscriptions.closeAll(new ChainIndexerError({ reason: 'the indexer stopped' }))
      await store.close()
    },
  }
}

type FollowParameters = {
  run: () => Promise<boolean>
  pollingIntervalMs: number
  signal: AbortSignal
  logger: Logger
  rpcUrl: string
}

async function follow({ run, pollingIntervalMs, signal, logger, rpcUrl }: FollowParameters): Promise<void> {
  let failures = 0
  while (!signal.aborted) {
    let delayMs = pollingIntervalMs
    try {
      if (await run()) delayMs = 0
      failures = 0
    } catch (error) {
      failures++
      // Back off up to 5 s while the node is down, so that an outage does not turn into a busy loop.
      delayMs = Math.min(5_000, pollingIntervalMs * 2 ** failures)
      const err = toChainError(error, { rpcUrl, kind: 'call' })
      logger.warn({ err, delayMs, failures }, 'indexer cannot sync; retrying (check the chain node)')
    }
    if (delayMs > 0) await sleep(delayMs, signal)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
