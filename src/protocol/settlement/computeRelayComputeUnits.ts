import { type SettlementInvalidParamsError, SettlementUsageOutOfBoundsError } from './errors.ts'
import type { ComputeUnitPricing, TokenBounds, TokenUsage } from './types.ts'
import { assertNonNegative, toUint32 } from './validate.ts'

export type ComputeRelayComputeUnitsParameters = {
  pricing: ComputeUnitPricing
  usage: TokenUsage
  /** The bounds signed in the relay request; usage above them makes the relay invalid. */
  bounds: TokenBounds
}
export type ComputeRelayComputeUnitsReturnType = bigint
export type ComputeRelayComputeUnitsErrorType = SettlementUsageOutOfBoundsError | SettlementInvalidParamsError

/**
 * The compute units one relay is worth (spec §7.1): `cuPerRequest + cuPerInputToken·in + cuPerOutputToken·out`.
 * This is the relay's leaf weight in the session's sum trie.
 *
 * @param parameters - The service's pricing, the relay's reported usage and its signed bounds.
 * @returns The relay's compute units (exact integer).
 * @throws SettlementUsageOutOfBoundsError when usage exceeds the signed bounds.
 *
 * @example
 * computeRelayComputeUnits({
 *   pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n },
 *   usage: { inputTokens: 20, outputTokens: 50 },
 *   bounds: { maxInputTokens: 512, maxOutputTokens: 256 },
 * }) // 270n
 */
export function computeRelayComputeUnits({
  pricing,
  usage,
  bounds,
}: ComputeRelayComputeUnitsParameters): ComputeRelayComputeUnitsReturnType {
  assertPricing(pricing)
  const inputTokens = toUint32('usage.inputTokens', usage.inputTokens)
  const outputTokens = toUint32('usage.outputTokens', usage.outputTokens)
  const maxInputTokens = toUint32('bounds.maxInputTokens', bounds.maxInputTokens)
  const maxOutputTokens = toUint32('bounds.maxOutputTokens', bounds.maxOutputTokens)
  if (inputTokens > maxInputTokens)
    throw new SettlementUsageOutOfBoundsError({
      field: 'inputTokens',
      used: inputTokens,
      max: maxInputTokens,
    })
  if (outputTokens > maxOutputTokens)
    throw new SettlementUsageOutOfBoundsError({
      field: 'outputTokens',
      used: outputTokens,
      max: maxOutputTokens,
    })
  return (
    pricing.cuPerRequest + pricing.cuPerInputToken * inputTokens + pricing.cuPerOutputToken * outputTokens
  )
}

function assertPricing(pricing: ComputeUnitPricing): void {
  assertNonNegative('pricing.cuPerRequest', pricing.cuPerRequest)
  assertNonNegative('pricing.cuPerInputToken', pricing.cuPerInputToken)
  assertNonNegative('pricing.cuPerOutputToken', pricing.cuPerOutputToken)
}
