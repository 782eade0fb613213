import type { Logger } from 'pino'
import type { ProbeTarget } from '../ports.ts'
import { createConcurrencyLimit } from './createConcurrencyLimit.ts'

/** Inputs of `createProbeLoop`. */
export type CreateProbeLoopParameters = {
  listTargets: () => Promise<ProbeTarget[]>
  probe: (target: ProbeTarget) => Promise<unknown>
  /**
   * Whether a target is no longer probed (its verdict is `fail`): once the gateway stops sending it
   * clients, everything it got from the identity would be a probe.
   */
  isRetired: (target: ProbeTarget) => boolean
  refreshMs: number
  meanIntervalMs: number
  maxConcurrent: number
  random: () => number
  logger: Logger
}

/**
 * Probes every target at random times: each supplier's probes form a Poisson process (exponential gaps
 * with the configured mean), so their timing carries no pattern a supplier could key on, and at most
 * `maxConcurrent` probes run at once. The target list is refreshed periodically; suppliers that left
 * it, and retired ones, stop being probed.
 *
 * @param parameters - target source, probe function, periods, concurrency, randomness, logger.
 * @returns `start()` and `stop()` (which waits for probes in flight).
 * @example
 * const loop = createProbeLoop({ listTargets, probe, isRetired, refreshMs: 60_000, meanIntervalMs: 30_000, maxConcurrent: 1, random: Math.random, logger })
 * loop.start()
 */
export function createProbeLoop(parameters: CreateProbeLoopParameters) {
  const { logger } = parameters
  const timers = new Map<string, NodeJS.Timeout>()
  const limit = createConcurrencyLimit(parameters.maxConcurrent)
  let refreshTimer: NodeJS.Timeout | undefined
  let isRunning = false
  const keyOf = (target: ProbeTarget) => `${target.supplier}\u0000${target.serviceId}`
  const isActive = (target: ProbeTarget) =>
    isRunning && timers.has(keyOf(target)) && !parameters.isRetired(target)
  const gapMs = () => drawExponentialGapMs(parameters.meanIntervalMs, parameters.random)
  const fire = async (target: ProbeTarget) => {
    await limit.run(async () => {
      if (!isActive(target)) return
      await parameters.probe(target).catch((error) => {
        logger.error(
          { err: error, supplier: target.supplier },
          'probe could not be made or judged; check the corpus and the reference model',
        )
      })
    })
    if (isActive(target)) schedule(target)
    else if (parameters.isRetired(target)) timers.delete(keyOf(target))
  }
  const schedule = (target: ProbeTarget) => {
    const timer = setTimeout(() => void fire(target), gapMs())
    timer.unref()
    timers.set(keyOf(target), timer)
  }
  const refresh = async () => {
    try {
      const targets = await parameters.listTargets()
      dropLeavers(timers, new Set(targets.map(keyOf)))
      for (const target of targets)
        if (isRunning && !timers.has(keyOf(target)) && !parameters.isRetired(target)) schedule(target)
    } catch (error) {
      logger.warn({ err: error }, 'cannot list suppliers to audit; retrying at the next refresh')
    }
  }
  return {
    start() {
      if (isRunning) return
      isRunning = true
      void refresh()
      refreshTimer = setInterval(() => void refresh(), parameters.refreshMs)
      refreshTimer.unref()
    },
    async stop() {
      isRunning = false
      clearInterval(refreshTimer)
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
      await limit.idle()
    },
  }
}

// Suppliers no longer listed (they left the session) stop being probed.
function dropLeavers(timers: Map<string, NodeJS.Timeout>, listed: ReadonlySet<string>): void {
  for (const [key, timer] of timers) {
    if (listed.has(key)) continue
    clearTimeout(timer)
    timers.delete(key)
  }
}

/**
 * The gap to a supplier's next probe: exponential with the given mean (inverse-CDF sampling), so each
 * supplier's probes form a Poisson process.
 *
 * @param meanMs - the mean gap.
 * @param random - uniform in [0, 1).
 * @returns the gap in ms.
 * @example
 * drawExponentialGapMs(30_000, Math.random)
 */
export function drawExponentialGapMs(meanMs: number, random: () => number): number {
  return -Math.log(1 - random()) * meanMs
}
