import type { Hex } from '../bytes/bytes.ts'
import { bytesToUint64 } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import type { SettlementInvalidParamsError } from './errors.ts'
import { toFixedBytes } from './validate.ts'

export type ComputeProofSampleParameters = {
  claimHash: Hex
  /** A block hash from at or after the claim window's close, so no claim can be ground against it. */
  proofSeed: Hex
}
export type ComputeProofSampleReturnType = bigint
export type ComputeProofSampleErrorType = SettlementInvalidParamsError

/**
 * The uniform sample that decides a probabilistic proof requirement (spec §7.5):
 * `uint64(sha256(claimHash ‖ proofSeed)[0:8])`, big-endian. A plain integer instead of poktroll's Go
 * `math/rand` float, so a contract reproduces it with one hash and a shift.
 *
 * @param parameters - The 32-byte claim hash and the 32-byte proof seed.
 * @returns A uint64 in [0, 2^64).
 *
 * @example
 * computeProofSample({ claimHash: '0x…', proofSeed: '0x…' }) // 1234…n
 */
export function computeProofSample({
  claimHash,
  proofSeed,
}: ComputeProofSampleParameters): ComputeProofSampleReturnType {
  const digest = sha256(toFixedBytes('claimHash', claimHash, 32), toFixedBytes('proofSeed', proofSeed, 32))
  return bytesToUint64(digest)
}
