import { baseTarget } from './baseTarget.ts'
import type { DifficultyInvalidTargetError } from './errors.ts'
import { reduceRational } from './reduceRational.ts'
import { toTargetValue } from './toTargetValue.ts'
import type { DifficultyTarget, Rational } from './types.ts'

export type ComputeDifficultyMultiplierReturnType = Rational
export type ComputeDifficultyMultiplierErrorType = DifficultyInvalidTargetError

/**
 * The relay-mining multiplier (spec §5): `B / target` as an exact rational in lowest terms, the number
 * of relays each mined relay stands for. Settlement scales claimed compute units by it; the control law
 * scales mined counts by it (spec §6).
 *
 * @param target - The service's target.
 * @returns `{ numerator, denominator }` with `numerator / denominator = (2^256 − 1) / target`.
 * @throws DifficultyInvalidTargetError
 *
 * @example
 * computeDifficultyMultiplier(2n ** 256n - 1n) // { numerator: 1n, denominator: 1n }
 * computeDifficultyMultiplier(1n) // { numerator: 2n ** 256n - 1n, denominator: 1n }
 */
export function computeDifficultyMultiplier(target: DifficultyTarget): ComputeDifficultyMultiplierReturnType {
  return reduceRational(baseTarget, toTargetValue(target))
}
