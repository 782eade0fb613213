import { baseTarget } from './baseTarget.ts'
import type { DifficultyInvalidTargetError } from './errors.ts'
import { reduceRational } from './reduceRational.ts'
import { toTargetValue } from './toTargetValue.ts'
import type { DifficultyTarget, Rational } from './types.ts'

export type ComputeRelayProbabilityReturnType = Rational
export type ComputeRelayProbabilityErrorType = DifficultyInvalidTargetError

/**
 * The probability that a relay is mined under `target` (spec §5): `target / B` as an exact rational in
 * lowest terms (POKT's convention). Strictly, a uniform hash is below `target` with probability
 * `target / 2^256`; the two differ by less than 2^−256 relative, and using `B` keeps the probability the
 * exact inverse of the multiplier.
 *
 * @param target - The service's target.
 * @returns `{ numerator, denominator }` with value `target / (2^256 − 1)`, in (0, 1].
 * @throws DifficultyInvalidTargetError
 *
 * @example
 * computeRelayProbability(2n ** 256n - 1n) // { numerator: 1n, denominator: 1n }
 */
export function computeRelayProbability(target: DifficultyTarget): ComputeRelayProbabilityReturnType {
  return reduceRational(toTargetValue(target), baseTarget)
}
