import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SessionSupplier } from '../ports.ts'
import type { SupplierScores } from './createSupplierScores.ts'

export type CreateSupplierSelectorParameters = {
  scores: SupplierScores
  /** No owner gets more than this share of recent first picks while another owner is available. */
  operatorShareCap: number
  /** Recent first picks the cap is measured over. */
  windowSize?: number
  /** Uniform [0, 1); injectable for tests. */
  random?: () => number
  /** Score exponent: 3 makes a supplier at half the score get 1/8 of the traffic. */
  exponent?: number
  /**
   * Weights never fall below this fraction of the best score's, so a supplier that failed recently still
   * gets a trickle of first picks (its probation: how it shows it recovered). 0.3 → 0.3³ ≈ 2.7 %.
   */
  probationFloor?: number
}

/** Orders a session's suppliers for one request. */
export type SupplierSelector = {
  /**
   * Candidates for `serviceId` in the order to try them: weighted by score without replacement, owners
   * over the cap moved back, owners already tried for this request after the others. Suppliers whose
   * latest watcher verdict for the service is `fail` are left out: a proven cheat serves no request.
   */
  order(
    suppliers: readonly SessionSupplier[],
    tried: { operators: ReadonlySet<Hex>; owners: ReadonlySet<Hex> },
    serviceId: string,
  ): SessionSupplier[]
  /** Records the owner of a first pick (the cap's window). */
  notePick(owner: Hex): void
  /** The share of recent first picks that went to `owner`. */
  shareOf(owner: Hex): number
}

/**
 * Creates the selector. Weighting by score^3 instead of PATH's tiers means a degraded supplier still
 * gets a trickle of traffic (its way back, no separate probation mode) and a better one gets more, with
 * no cliff at a tier boundary. The per-owner cap stops one operator from taking the whole session even
 * when it scores best, which keeps the gateway's eggs in several baskets (PATH caps at 0.65).
 *
 * @param parameters - scores, cap, window, random source, exponent
 * @returns the selector
 * @example
 * const ordered = selector.order(session.suppliers, { operators: new Set(), owners: new Set() }, 'llama-tiny')
 */
export function createSupplierSelector(parameters: CreateSupplierSelectorParameters): SupplierSelector {
  const { scores, operatorShareCap } = parameters
  const windowSize = parameters.windowSize ?? 100
  const random = parameters.random ?? Math.random
  const exponent = parameters.exponent ?? 3
  const probationFloor = parameters.probationFloor ?? 0.3
  // The last `windowSize` first picks, as a ring: shifting an array of them cost a copy per request.
  const window: Hex[] = []
  let oldest = 0
  const counts = new Map<Hex, number>()
  const shareOf = (owner: Hex) => (window.length === 0 ? 0 : (counts.get(owner) ?? 0) / window.length)

  return {
    order(suppliers, tried, serviceId) {
      const live = suppliers.filter(
        (supplier) =>
          !tried.operators.has(supplier.operator) &&
          !scores.standing(supplier.operator, serviceId).isQuarantined,
      )
      const best = Math.max(1, ...live.map((s) => scores.score(s.operator, serviceId)))
      const weightOf = (s: SessionSupplier) =>
        Math.max(scores.score(s.operator, serviceId), best * probationFloor) ** exponent
      const sampled = weightedOrder(live, weightOf, random)
      const spread = [
        ...sampled.filter((s) => !tried.owners.has(s.owner)),
        ...sampled.filter((s) => tried.owners.has(s.owner)),
      ]
      return applyCap(spread, shareOf, operatorShareCap)
    },
    notePick(owner) {
      counts.set(owner, (counts.get(owner) ?? 0) + 1)
      if (window.length < windowSize) {
        window.push(owner)
        return
      }
      const dropped = window[oldest]!
      counts.set(dropped, counts.get(dropped)! - 1)
      window[oldest] = owner
      oldest = (oldest + 1) % windowSize
    },
    shareOf,
  }
}

function weightedOrder<T>(items: readonly T[], weightOf: (item: T) => number, random: () => number): T[] {
  const pool = items.map((item) => ({ item, weight: weightOf(item) }))
  const ordered: T[] = []
  while (pool.length > 0) {
    const total = pool.reduce((sum, entry) => sum + entry.weight, 0)
    let target = random() * total
    let index = pool.findIndex((entry) => {
      target -= entry.weight
      return target < 0
    })
    if (index < 0) index = pool.length - 1
    ordered.push(pool[index]!.item)
    pool.splice(index, 1)
  }
  return ordered
}

function applyCap(
  ordered: SessionSupplier[],
  shareOf: (owner: Hex) => number,
  cap: number,
): SessionSupplier[] {
  const first = ordered[0]
  if (!first || shareOf(first.owner) < cap) return ordered
  const alternative = ordered.findIndex((supplier) => shareOf(supplier.owner) < cap)
  if (alternative <= 0) return ordered
  const chosen = ordered[alternative]!
  return [chosen, ...ordered.filter((_, index) => index !== alternative)]
}
