import type { Logger } from 'pino'
import type { LedgerReader } from '../ports.ts'

/** The latest block height as polled from the ledger. */
export type BlockClock = {
  /** The latest height seen, or `undefined` before the first successful poll. */
  readonly height: bigint | undefined
  /** Whether the last successful poll is recent enough to serve relays for pay. */
  isFresh(): boolean
  /** Calls `listener` on new heights, in order, one at a time; heights seen while busy coalesce. */
  onBlock(listener: (height: bigint) => Promise<void> | void): void
  /** Polls once now (used at boot); resolves with the height or throws the ledger's error. */
  poll(): Promise<bigint>
  /** Resolves when the block handlers have processed every height seen so far. */
  idle(): Promise<void>
  start(): void
  stop(): Promise<void>
}

export type CreateBlockClockParameters = {
  ledger: Pick<LedgerReader, 'getBlockNumber'>
  logger: Logger
  pollIntervalMs: number
  /** A height older than this is stale; default max(10 polls, 10 s). */
  maxAgeMs?: number
  nowMs?: () => number
}

/**
 * Follows the chain by polling the block number (works on every JSON-RPC node, unlike subscriptions).
 * Relays are validated against `height` without an RPC call each; when polling fails for longer than
 * `maxAgeMs` the clock is stale and the relayminer stops serving for pay until it recovers.
 *
 * @param parameters - ledger reader, logger and timing
 * @returns the clock; call `start()` to begin polling
 * @example
 * const clock = createBlockClock({ ledger, logger, pollIntervalMs: 1000 })
 * clock.onBlock((height) => lifecycle.tick(height))
 * clock.start()
 */
export function createBlockClock(parameters: CreateBlockClockParameters): BlockClock {
  const { ledger, logger, pollIntervalMs } = parameters
  const maxAgeMs = parameters.maxAgeMs ?? Math.max(10 * pollIntervalMs, 10_000)
  const nowMs = parameters.nowMs ?? Date.now
  const listeners: ((height: bigint) => Promise<void> | void)[] = []
  let height: bigint | undefined
  let freshAtMs = Number.NEGATIVE_INFINITY
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  let failures = 0

  // Handlers may take several blocks (a claim transaction); heights that arrive meanwhile are coalesced
  // into the newest, so the lifecycle never works through a backlog of stale heights.
  let pendingHeight: bigint | undefined
  let isDispatching = false
  const dispatch = (next: bigint) => {
    pendingHeight = next
    if (isDispatching) return
    isDispatching = true
    running = (async () => {
      while (pendingHeight !== undefined) {
        const current = pendingHeight
        pendingHeight = undefined
        for (const listener of listeners) await runListener(listener, current)
      }
      isDispatching = false
    })()
  }
  const runListener = async (listener: (height: bigint) => Promise<void> | void, current: bigint) => {
    try {
      await listener(current)
    } catch (error) {
      logger.error({ err: error, height: current }, 'block handler failed; it runs again at the next block')
    }
  }

  const poll = async () => {
    const next = await ledger.getBlockNumber()
    freshAtMs = nowMs()
    if (height === undefined || next > height) {
      height = next
      dispatch(next)
    }
    return next
  }

  const loop = async () => {
    try {
      await poll()
      if (failures > 0) logger.info({ height, failures }, 'chain reachable again')
      failures = 0
    } catch (error) {
      failures++
      const log = failures === 1 ? logger.warn.bind(logger) : logger.debug.bind(logger)
      log({ err: error, failures }, 'cannot read the block number; retrying')
    }
    if (timer !== undefined) timer = setTimeout(loop, pollIntervalMs)
  }

  return {
    get height() {
      return height
    },
    isFresh: () => height !== undefined && nowMs() - freshAtMs <= maxAgeMs,
    onBlock: (listener) => void listeners.push(listener),
    poll,
    async idle() {
      while (isDispatching) await running
    },
    start() {
      if (timer !== undefined) return
      timer = setTimeout(loop, 0)
    },
    async stop() {
      clearTimeout(timer)
      timer = undefined
      await running
    },
  }
}
