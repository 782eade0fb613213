/**
 * The paper's two step events replayed through decai's law in the paper's configuration (T = 10^4 per
 * block, α = 0.1, EMA every block, p recomputed every 4 blocks and applied from the next block), with the
 * step sizes of Appendix II, next to the durations the paper reports for them.
 */
import { sessionsToRecover, targetErrorRange, volumeErrorRange } from './metrics.ts'
import { createRandom } from './random.ts'
import { runTrajectory } from './simulate.ts'

const TARGET = 10_000

function replay(seed: number, before: number, after: number, band: number, hold: number) {
  const lead = 40
  const t = runTrajectory({
    law: 'decai',
    loads: [...new Array<number>(lead).fill(before), ...new Array<number>(100).fill(after)],
    lagSessions: 1,
    updateEvery: 4,
    mining: 'binomial',
    arrivals: 'fixed',
    targetRelays: BigInt(TARGET),
    alpha: { numerator: 1n, denominator: 10n },
    random: createRandom(seed),
  })
  const step = <T>(xs: T[]) => xs.slice(lead)
  return {
    blocksToRecover: sessionsToRecover(step(t.mined), TARGET, band, hold),
    targetError: targetErrorRange(step(t.mined).slice(0, 60), TARGET),
    volumeEstimationError: volumeErrorRange(step(t.relays), step(t.mined), step(t.probability)),
  }
}

/** Both replays, each beside the paper's Appendix II figures for the same event. */
export function paperScenarios(seed: number, band: number, hold: number) {
  return {
    config: { targetPerBlock: TARGET, alpha: '1/10', pUpdateEveryBlocks: 4, band, hold },
    stepSurge: {
      relaysPerBlock: { before: 1_120, after: 276_000 },
      paper: { windowBlocks: 24, peakTargetDeviationPct: 789, peakVolumeErrorPct: 3.45 },
      decai: replay(seed, 1_120, 276_000, band, hold),
    },
    stepDrop: {
      relaysPerBlock: { before: 273_000, after: 21_000 },
      paper: { windowBlocks: 44, peakTargetDeviationPct: -95, peakVolumeErrorPct: 5.21 },
      decai: replay(seed, 273_000, 21_000, band, hold),
    },
  }
}
