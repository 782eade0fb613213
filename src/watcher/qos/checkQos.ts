import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
import type { ProbeExchange } from '../ports.ts'

/** A supplier's service objectives: the protocol's shape, shared with the relayminer that advertises them. */
export type { ServiceObjectives }

/** What one probe says about a supplier's service. */
export type QosObservation = {
  /** The probe failed through the supplier's fault (or an unknown one). */
  isError: boolean
  ttftMs: number | undefined
  tpotMs: number | undefined
  /** Send to last byte. */
  e2eMs: number
  /** Undefined when there is no objective or no measurement. */
  isTtftExceeded: boolean | undefined
  isTpotExceeded: boolean | undefined
}

/**
 * Measures TTFT (first non-empty content), TPOT ((end − first) / (tokens − 1)) and errors for one probe,
 * with the definitions of vLLM's and GenAI-Perf's benchmarks, and compares them with the objectives.
 * Failures that are the client's, the gateway's or the watcher's own fault are not the supplier's error.
 * TPOT divides by the re-counted tokens: a supplier that over-reports its output would otherwise look
 * faster than it is.
 *
 * @param exchange - the probe's outcome and timings.
 * @param objectives - the supplier's advertised objectives.
 * @param completionTokens - the answer's tokens under the reference tokenizer (ignored for failures).
 * @returns the measurements and which objectives this probe exceeded.
 * @example
 * checkQos(exchange, { ttftP90Ms: 2000 }, 48).isTtftExceeded // false for a 300 ms TTFT
 */
export function checkQos(
  exchange: ProbeExchange,
  objectives: ServiceObjectives,
  completionTokens: number,
): QosObservation {
  const { timing } = exchange
  const e2eMs = timing.doneAtMs - timing.sentAtMs
  if (!exchange.isOk) {
    const isError = exchange.fault === 'supplier' || exchange.fault === 'unknown'
    return {
      isError,
      ttftMs: undefined,
      tpotMs: undefined,
      e2eMs,
      isTtftExceeded: undefined,
      isTpotExceeded: undefined,
    }
  }
  const first = timing.firstContentAtMs
  const ttftMs = first === undefined ? undefined : first - timing.sentAtMs
  const tpotMs =
    first === undefined || completionTokens < 2
      ? undefined
      : (timing.doneAtMs - first) / (completionTokens - 1)
  return {
    isError: false,
    ttftMs,
    tpotMs,
    e2eMs,
    isTtftExceeded: exceeds(ttftMs, objectives.ttftP90Ms),
    isTpotExceeded: exceeds(tpotMs, objectives.tpotP90Ms),
  }
}

function exceeds(value: number | undefined, objective: number | undefined): boolean | undefined {
  return value === undefined || objective === undefined ? undefined : value > objective
}
