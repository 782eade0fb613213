import type { Hex } from '../bytes/bytes.ts'

/**
 * An exact non-negative rational `numerator / denominator` (denominator > 0), the same shape settlement
 * uses, so multipliers and probabilities pass between them unchanged.
 */
export type Rational = { numerator: bigint; denominator: bigint }

/**
 * A relay-mining target (spec §5): a uint256 in [1, 2^256 − 1], as a bigint (how viem reads uint256), as
 * bytes32 hex (how POKT and event logs show it), or as its 32 big-endian bytes (fastest to compare).
 */
export type DifficultyTarget = bigint | Hex | Uint8Array
