import { bytesToBigint, compareBytes, type Hex, hexToBytes, isHex } from '../bytes/bytes.ts'
import { DifficultyInvalidRelayHashError, type DifficultyInvalidTargetError } from './errors.ts'
import { toTargetValue } from './toTargetValue.ts'
import type { DifficultyTarget } from './types.ts'

export type IsRelayMinedReturnType = boolean
export type IsRelayMinedErrorType = DifficultyInvalidRelayHashError | DifficultyInvalidTargetError

/**
 * Whether a relay is mined (spec §5): `relayHash < target` as 256-bit big-endian integers, strictly (a hash
 * equal to the target is not mined, as in POKT). With the target as 32 bytes this is one byte comparison,
 * which is what the RelayMiner should pass on its hot path.
 *
 * @param relayHash - `sha256(relayBytes)`, 32 bytes or bytes32 hex.
 * @param target - The service's target at the session start.
 * @returns `true` iff the relay is mined.
 * @throws DifficultyInvalidRelayHashError, DifficultyInvalidTargetError
 *
 * @example
 * isRelayMined(`0x00ef${'ff'.repeat(30)}`, `0x00${'ff'.repeat(31)}`) // true
 * isRelayMined(`0x00${'ff'.repeat(31)}`, `0x00${'ff'.repeat(31)}`) // false: equal is not below
 */
export function isRelayMined(relayHash: Uint8Array | Hex, target: DifficultyTarget): IsRelayMinedReturnType {
  const hash =
    relayHash instanceof Uint8Array ? relayHash : isHex(relayHash) ? hexToBytes(relayHash) : undefined
  if (hash?.length !== 32) throw new DifficultyInvalidRelayHashError({ length: hash?.length })
  if (target instanceof Uint8Array && target.length === 32 && target.some((byte) => byte !== 0))
    return compareBytes(hash, target) < 0
  return bytesToBigint(hash) < toTargetValue(target)
}
