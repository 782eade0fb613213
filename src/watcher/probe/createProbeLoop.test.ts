import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProbeTarget } from '../ports.ts'
import { mulberry32 } from '../testing/mulberry32.ts'
import { createProbeLoop } from './createProbeLoop.ts'

// Kolmogorov–Smirnov distance between a sample and the exponential law with mean `meanMs`.
function ksDistanceToExponential(sample: readonly number[], meanMs: number): number {
  const sorted = [...sample].sort((a, b) => a - b)
  let distance = 0
  sorted.forEach((x, i) => {
    const cdf = 1 - Math.exp(-x / meanMs)
    distance = Math.max(distance, (i + 1) / sorted.length - cdf, cdf - i / sorted.length)
  })
  return distance
}

const target: ProbeTarget = { supplier: `0x${'11'.repeat(20)}`, serviceId: 'svc' }
const logger = pino({ level: 'silent' })

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

// Runs the loop on fake time; returns the instants (ms) at which the target was probed.
async function probeTimes(options: { untilMs: number; isRetired?: (count: number) => boolean }) {
  const times: number[] = []
  const loop = createProbeLoop({
    listTargets: async () => [target],
    probe: async () => {
      times.push(Date.now())
    },
    isRetired: () => options.isRetired?.(times.length) ?? false,
    refreshMs: 60_000,
    meanIntervalMs: 1_000,
    maxConcurrent: 1,
    random: mulberry32(7),
    logger,
  })
  const startMs = Date.now()
  loop.start()
  await vi.advanceTimersByTimeAsync(options.untilMs)
  await loop.stop()
  return times.map((time) => time - startMs)
}

describe('createProbeLoop', () => {
  it('behavior: the gaps between a supplier’s probes are exponential with the configured mean (KS test)', async () => {
    const times = await probeTimes({ untilMs: 3_000_000 })
    const gaps = times.map((time, i) => time - (i === 0 ? 0 : times[i - 1]!))
    expect(gaps.length).toBeGreaterThan(2_000)
    // Critical value of the one-sample KS test at α = 0.01 is 1.63/√n.
    expect(ksDistanceToExponential(gaps, 1_000)).toBeLessThan(1.63 / Math.sqrt(gaps.length))
    // The test has power: the same gaps read as a law with a 20 % larger mean are rejected.
    expect(ksDistanceToExponential(gaps, 1_200)).toBeGreaterThan(1.63 / Math.sqrt(gaps.length))
  })

  it('behavior: a retired supplier is probed no more, across target refreshes', async () => {
    const times = await probeTimes({ untilMs: 600_000, isRetired: (count) => count >= 3 })
    expect(times).toHaveLength(3)
  })
})
