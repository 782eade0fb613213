import type { MeteringObservation } from '../metering/checkMetering.ts'

/**
 * The metering observation of an answer billed exactly as re-counted (test support only).
 *
 * @param completionTokens - the answer's tokens; the prompt has 20.
 * @returns the observation.
 * @example
 * audit.observe({ identity, metering: exactMetering(48), qos })
 */
export function exactMetering(completionTokens: number): MeteringObservation {
  return {
    isReported: true,
    promptExcess: 0,
    completionExcess: 0,
    proofs: [],
    isExcessive: false,
    counts: {
      promptReported: 20,
      promptRecounted: 20,
      completionReported: completionTokens,
      completionRecounted: completionTokens,
    },
  }
}
