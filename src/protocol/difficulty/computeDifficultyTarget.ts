import { baseTarget } from './baseTarget.ts'
import { DifficultyInvalidParamsError } from './errors.ts'

export type ComputeDifficultyTargetParameters = {
  /** The EMA of the estimated relays per session (≥ 0). */
  ema: bigint
  /** T: the mined relays per session the law aims at (≥ 1). */
  targetRelays: bigint
}
export type ComputeDifficultyTargetReturnType = bigint
export type ComputeDifficultyTargetErrorType = DifficultyInvalidParamsError

/**
 * The target for an EMA (spec §6): `B` when `ema ≤ T` (every relay counts), else `floor(B · T / ema)`, so
 * that the mining probability is `min(1, T / ema)`. Always scaled from `B`, never from the previous target
 * (as POKT's keeper does), so rounding never accumulates. Its 32-byte form is `bigintToBytes(target, 32)`:
 * left-padded with zeros, as POKT pads.
 *
 * @param parameters - The EMA and T.
 * @returns The target in [1, B].
 * @throws DifficultyInvalidParamsError when `T < 1` or `ema < 0`.
 *
 * @example
 * computeDifficultyTarget({ ema: 800n, targetRelays: 50n }) // 0x0fff…ff = floor(B / 16)
 */
export function computeDifficultyTarget({
  ema,
  targetRelays,
}: ComputeDifficultyTargetParameters): ComputeDifficultyTargetReturnType {
  if (typeof targetRelays !== 'bigint' || targetRelays < 1n)
    throw new DifficultyInvalidParamsError({ field: 'targetRelays', reason: 'must be a bigint ≥ 1' })
  if (typeof ema !== 'bigint' || ema < 0n)
    throw new DifficultyInvalidParamsError({ field: 'ema', reason: 'must be a bigint ≥ 0' })
  if (ema <= targetRelays) return baseTarget
  // T < ema, so the quotient is in [1, B): never zero, never above the base.
  return (baseTarget * targetRelays) / ema
}
