import { baseTarget } from './baseTarget.ts'
import { computeDifficultyTarget } from './computeDifficultyTarget.ts'
import { DifficultyInvalidParamsError, type DifficultyInvalidTargetError } from './errors.ts'
import { toTargetValue } from './toTargetValue.ts'
import type { DifficultyTarget, Rational } from './types.ts'

export type ComputeNextDifficultyParameters = {
  /** The service's EMA before this update; `undefined` for its first observation. */
  prevEma: bigint | undefined
  /** Σ mined relays (claim root counts) of the session's settled claims. */
  minedRelays: bigint
  /** The target those relays were mined under (the one in force at the session start). */
  target: DifficultyTarget
  /** T: mined relays per session to aim at. */
  targetRelays: bigint
  /** α: the EMA weight of the new observation, in (0, 1]. */
  alpha: Rational
}
export type ComputeNextDifficultyReturnType = {
  /** `floor(minedRelays × B / target)`: the relays actually served, estimated. */
  estimatedRelays: bigint
  /** The updated EMA of estimated relays. */
  ema: bigint
  /** The target for the next session. */
  target: bigint
}
export type ComputeNextDifficultyErrorType = DifficultyInvalidParamsError | DifficultyInvalidTargetError

/**
 * One step of the difficulty control law (spec §6; Relay Mining paper, Algorithm 2):
 * `estimated = floor(mined × B / target)`; `ema' = estimated` on the first observation, else
 * `floor((α_num·estimated + (α_den − α_num)·ema) / α_den)`; `target' = B if ema' ≤ T else floor(B·T / ema')`.
 * Feeding the *estimated* volume (not the mined count, as POKT does) makes the EMA track the real load
 * whatever the current difficulty, so mined relays per session settle at T instead of √(T·R).
 *
 * @param parameters - Previous EMA, mined relays, their target, T and α.
 * @returns The estimate, the new EMA and the next target.
 * @throws DifficultyInvalidParamsError, DifficultyInvalidTargetError
 *
 * @example
 * // 1 000 mined at p = 1/10 estimate 10 000 served; with T = 1 000 the next p is 1/10 again.
 * computeNextDifficulty({ prevEma: 10_000n, minedRelays: 1_000n, target: (2n ** 256n - 1n) / 10n,
 *   targetRelays: 1_000n, alpha: { numerator: 1n, denominator: 10n } })
 */
export function computeNextDifficulty(
  parameters: ComputeNextDifficultyParameters,
): ComputeNextDifficultyReturnType {
  const { prevEma, minedRelays, alpha } = parameters
  assertInputs(parameters)
  // floor(mined · B / target): exact, one floor (an on-chain port uses mulDiv to avoid the 512-bit product).
  const estimatedRelays = (minedRelays * baseTarget) / toTargetValue(parameters.target)
  const ema =
    prevEma === undefined
      ? estimatedRelays
      : (alpha.numerator * estimatedRelays + (alpha.denominator - alpha.numerator) * prevEma) /
        alpha.denominator
  return {
    estimatedRelays,
    ema,
    target: computeDifficultyTarget({ ema, targetRelays: parameters.targetRelays }),
  }
}

function assertInputs({ prevEma, minedRelays, alpha }: ComputeNextDifficultyParameters): void {
  const fail = (field: string, reason: string) => {
    throw new DifficultyInvalidParamsError({ field, reason })
  }
  if (prevEma !== undefined && (typeof prevEma !== 'bigint' || prevEma < 0n))
    fail('prevEma', 'must be a bigint ≥ 0')
  if (typeof minedRelays !== 'bigint' || minedRelays < 0n) fail('minedRelays', 'must be a bigint ≥ 0')
  const { numerator, denominator } = alpha ?? {}
  if (
    typeof numerator !== 'bigint' ||
    typeof denominator !== 'bigint' ||
    numerator < 1n ||
    numerator > denominator
  )
    fail('alpha', 'must be a rational in (0, 1]')
}
