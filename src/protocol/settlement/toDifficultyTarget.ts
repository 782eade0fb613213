import type { Hex } from '../bytes/bytes.ts'
import { bytesToBigint } from '../bytes/bytes.ts'
import { SettlementInvalidParamsError } from './errors.ts'
import { MAX_UINT256, toFixedBytes } from './validate.ts'

/**
 * A relay-mining difficulty target, given as bytes32 hex or a bigint, as a bigint in `[1, 2^256 − 1]`.
 * Zero is rejected because the multiplier `B / target` would be undefined (no relay can be mined anyway).
 *
 * @param target - The target as stored on chain (bytes32) or as a number.
 * @returns The target as a bigint.
 *
 * @example
 * toDifficultyTarget(`0x${'ff'.repeat(32)}`) // 2n ** 256n - 1n
 */
export function toDifficultyTarget(target: Hex | bigint): bigint {
  const value =
    typeof target === 'bigint' ? target : bytesToBigint(toFixedBytes('difficultyTarget', target, 32))
  if (value < 1n || value > MAX_UINT256)
    throw new SettlementInvalidParamsError({ field: 'difficultyTarget', reason: 'must be in [1, 2^256 − 1]' })
  return value
}
