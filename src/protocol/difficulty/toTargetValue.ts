import { bytesToBigint, hexToBytes, isHex } from '../bytes/bytes.ts'
import { baseTarget } from './baseTarget.ts'
import { DifficultyInvalidTargetError } from './errors.ts'
import type { DifficultyTarget } from './types.ts'

/**
 * A target in any accepted form as a bigint in [1, B] (internal to the difficulty functions).
 * Zero is rejected: nothing could be mined and `B / target` would be undefined.
 *
 * @param target - bigint, bytes32 hex, or 32 bytes.
 * @returns The target as a bigint.
 * @throws DifficultyInvalidTargetError
 *
 * @example
 * toTargetValue(`0x7f${'ff'.repeat(31)}`) // 2n ** 255n - 1n
 */
export function toTargetValue(target: DifficultyTarget): bigint {
  let value: bigint
  if (typeof target === 'bigint') value = target
  else {
    const bytes = target instanceof Uint8Array ? target : isHex(target) ? hexToBytes(target) : undefined
    if (bytes?.length !== 32) throw new DifficultyInvalidTargetError({ target, reason: 'must be 32 bytes' })
    value = bytesToBigint(bytes)
  }
  if (value < 1n || value > baseTarget)
    throw new DifficultyInvalidTargetError({ target, reason: 'must be in [1, 2^256 − 1]' })
  return value
}
