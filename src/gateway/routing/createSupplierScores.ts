import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { FailureClass } from './classifyFailure.ts'

/** Scoring knobs (docs/gateway.md, "Scoring"); the defaults suit LLM traffic. */
export type ScoreOptions = {
  /** Reliability of a supplier never seen, and where an idle supplier's reliability drifts back to. */
  priorReliability: number
  /** Weight of one new observation in the reliability average (EWMA α). */
  alpha: number
  /** Half-life of the drift back to the prior when a supplier gets no traffic: no permanent sanction. */
  recoveryHalfLifeMs: number
  /** TTFT at which the latency factor is 1/2 (PATH's LLM "fast" threshold is 2 s). */
  ttftScaleMs: number
  /** Time per output token at which the throughput factor is 1/2. */
  tpotScaleMs: number
  /** Half-life of an integrity penalty (bad signature, hash or usage). */
  integrityHalfLifeMs: number
}

export const defaultScoreOptions: ScoreOptions = {
  priorReliability: 0.9,
  alpha: 0.2,
  recoveryHalfLifeMs: 120_000,
  ttftScaleMs: 2_000,
  tpotScaleMs: 100,
  integrityHalfLifeMs: 600_000,
}

/** How much one failure of a class weighs, in observations of 0 (a success is one observation of 1). */
const failureWeights: Record<FailureClass, number> = {
  connection: 2,
  timeout: 2,
  supplier_error: 2,
  stream_broken: 2,
  capacity: 0.5,
  session: 0.1,
  misrouted: 4,
  integrity: 0,
  client: 0,
  unsupported: 0,
  gateway: 0,
}

type SupplierState = {
  reliability: number
  ttftMs: number | undefined
  tpotMs: number | undefined
  integrity: number
  /** Services whose latest watcher verdict on this supplier is `fail`. */
  failedServices: Set<string>
  updatedAtMs: number
  inFlight: number
}

/**
 * A supplier's current standing (for metrics and routing). Quarantined: excluded from the service asked
 * about, or, when none is named (metrics), from at least one service; the score is then 0.
 */
export type SupplierStanding = { score: number; isQuarantined: boolean; inFlight: number }

/** The score book: observations in, scores out. Keyed by operator address. */
export type SupplierScores = {
  recordSuccess(supplier: Hex, timing: { ttftMs: number; tpotMs?: number | undefined }): void
  recordFailure(supplier: Hex, failure: FailureClass): void
  /** A watcher's latest verdict on the supplier for one service: `fail` excludes it there until a `pass`. */
  recordVerdict(supplier: Hex, serviceId: string, outcome: 'pass' | 'fail'): void
  /** 0–100; 0 while quarantined (see `SupplierStanding`). */
  score(supplier: Hex, serviceId?: string): number
  standing(supplier: Hex, serviceId?: string): SupplierStanding
  begin(supplier: Hex): () => void
  /** Every supplier seen, for `/metrics`. */
  entries(): Array<[Hex, SupplierStanding]>
}

/**
 * Creates the score book. A score is a product of factors in [0, 1], times 100:
 * reliability² (an EWMA of successes that drifts back to the prior while idle) × latency (TTFT) ×
 * throughput (TPOT) × (1 − integrity penalty, decaying). A failing watcher verdict excludes the supplier
 * from that service only, and for as long as it is the latest verdict: a proven cheat does not drift
 * back into rotation with time, only a later `pass` re-admits it. Other sanctions decay. Scores are
 * continuous, so selection can weight by them instead of cutting into tiers.
 *
 * @param options - knobs and the clock (ms), both injectable for tests
 * @returns the score book
 * @example
 * const scores = createSupplierScores({ nowMs: () => Date.now() })
 * scores.recordSuccess(supplier, { ttftMs: 120, tpotMs: 15 })
 */
export function createSupplierScores(
  options: Partial<ScoreOptions> & { nowMs?: () => number } = {},
): SupplierScores {
  const knobs = { ...defaultScoreOptions, ...options }
  const nowMs = options.nowMs ?? Date.now
  const states = new Map<Hex, SupplierState>()
  const stateOf = (supplier: Hex): SupplierState => {
    let state = states.get(supplier)
    if (!state) {
      state = {
        reliability: knobs.priorReliability,
        ttftMs: undefined,
        tpotMs: undefined,
        integrity: 0,
        failedServices: new Set(),
        updatedAtMs: nowMs(),
        inFlight: 0,
      }
      states.set(supplier, state)
    }
    return decay(state, knobs, nowMs())
  }
  const observe = (state: SupplierState, value: number, weight: number) => {
    const a = 1 - (1 - knobs.alpha) ** weight
    state.reliability += a * (value - state.reliability)
  }
  const standing = (supplier: Hex, serviceId?: string): SupplierStanding => {
    const state = stateOf(supplier)
    const isQuarantined =
      serviceId === undefined ? state.failedServices.size > 0 : state.failedServices.has(serviceId)
    return { score: isQuarantined ? 0 : computeScore(state, knobs), isQuarantined, inFlight: state.inFlight }
  }
  return {
    recordSuccess(supplier, timing) {
      const state = stateOf(supplier)
      observe(state, 1, 1)
      state.ttftMs = ewma(state.ttftMs, timing.ttftMs, knobs.alpha)
      if (timing.tpotMs !== undefined) state.tpotMs = ewma(state.tpotMs, timing.tpotMs, knobs.alpha)
    },
    recordFailure(supplier, failure) {
      const state = stateOf(supplier)
      if (failure === 'integrity') state.integrity = 1
      const weight = failureWeights[failure]
      if (weight > 0) observe(state, 0, weight)
    },
    recordVerdict(supplier, serviceId, outcome) {
      const state = stateOf(supplier)
      if (outcome === 'fail') state.failedServices.add(serviceId)
      else {
        state.failedServices.delete(serviceId)
        observe(state, 1, 1)
      }
    },
    score: (supplier, serviceId) => standing(supplier, serviceId).score,
    standing,
    begin(supplier) {
      const state = stateOf(supplier)
      state.inFlight++
      let isDone = false
      return () => {
        if (!isDone) state.inFlight--
        isDone = true
      }
    },
    entries: () => [...states.keys()].map((supplier) => [supplier, standing(supplier)]),
  }
}

function computeScore(state: SupplierState, knobs: ScoreOptions): number {
  const latency = state.ttftMs === undefined ? 1 : knobs.ttftScaleMs / (knobs.ttftScaleMs + state.ttftMs)
  const throughput = state.tpotMs === undefined ? 1 : knobs.tpotScaleMs / (knobs.tpotScaleMs + state.tpotMs)
  // Latency and throughput shade the score; reliability and integrity dominate it.
  const speed = (0.5 + 0.5 * latency) * (0.7 + 0.3 * throughput)
  return 100 * state.reliability ** 2 * speed * (1 - state.integrity)
}

function decay(state: SupplierState, knobs: ScoreOptions, now: number): SupplierState {
  const elapsed = now - state.updatedAtMs
  if (elapsed <= 0) return state
  const recovery = 0.5 ** (elapsed / knobs.recoveryHalfLifeMs)
  state.reliability = knobs.priorReliability + (state.reliability - knobs.priorReliability) * recovery
  state.integrity *= 0.5 ** (elapsed / knobs.integrityHalfLifeMs)
  state.updatedAtMs = now
  return state
}

function ewma(previous: number | undefined, value: number, alpha: number): number {
  return previous === undefined ? value : previous + alpha * (value - previous)
}
