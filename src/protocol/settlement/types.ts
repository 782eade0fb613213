import type { Hex } from '../bytes/bytes.ts'

/**
 * An exact non-negative rational `numerator / denominator` (denominator > 0). Prices and probabilities
 * stay rational until the single floor the spec prescribes, so TypeScript and Solidity agree bit for bit.
 */
export type Rational = { numerator: bigint; denominator: bigint }

/** A 20-byte address as `0x` hex (compared case-insensitively). */
export type Address = Hex

/** Compute units charged per relay (spec §7.1), fixed per service. */
export type ComputeUnitPricing = {
  cuPerRequest: bigint
  cuPerInputToken: bigint
  cuPerOutputToken: bigint
}

/**
 * Token counts of one relay. They are uint32 on the wire; viem decodes uint32 as `number`, so both forms
 * are accepted.
 */
export type TokenUsage = { inputTokens: number | bigint; outputTokens: number | bigint }

/** The token bounds the application signed in its relay request (spec §1). */
export type TokenBounds = { maxInputTokens: number | bigint; maxOutputTokens: number | bigint }

/** One revenue-share recipient of a supplier, in basis points out of 10 000. */
export type RevenueShare = { address: Address; bps: number }

/** What one revenue-share recipient receives. */
export type RevenueShareAmount = { address: Address; amount: bigint }
