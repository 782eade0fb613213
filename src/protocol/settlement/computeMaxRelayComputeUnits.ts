import { computeRelayComputeUnits } from './computeRelayComputeUnits.ts'
import type { SettlementInvalidParamsError } from './errors.ts'
import type { ComputeUnitPricing, TokenBounds } from './types.ts'

export type ComputeMaxRelayComputeUnitsReturnType = bigint
export type ComputeMaxRelayComputeUnitsErrorType = SettlementInvalidParamsError

/**
 * The most compute units a relay can be worth given its signed bounds: the price at full usage. The relay
 * miner's meter reserves this much before calling the backend (the actual usage is only known afterwards),
 * then settles to the actual cost.
 *
 * @param pricing - The service's compute-unit pricing.
 * @param bounds - The token bounds the request signed.
 * @returns `cuPerRequest + cuPerInputToken·maxInputTokens + cuPerOutputToken·maxOutputTokens`.
 *
 * @example
 * computeMaxRelayComputeUnits(
 *   { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n },
 *   { maxInputTokens: 512, maxOutputTokens: 256 },
 * ) // 1380n
 */
export function computeMaxRelayComputeUnits(
  pricing: ComputeUnitPricing,
  bounds: TokenBounds,
): ComputeMaxRelayComputeUnitsReturnType {
  const usage = { inputTokens: bounds.maxInputTokens, outputTokens: bounds.maxOutputTokens }
  return computeRelayComputeUnits({ pricing, usage, bounds })
}
