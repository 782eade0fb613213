import type { Hex } from '../bytes/bytes.ts'
import { bytesToHex } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import type { SettlementInvalidParamsError } from './errors.ts'
import { toFixedBytes } from './validate.ts'

export type ComputeWeightedDrawSeedReturnType = Hex
export type ComputeWeightedDrawSeedErrorType = SettlementInvalidParamsError

/**
 * The seed of the weight-proportional leaf draw (spec §7.6): `sha256(proofSeed ‖ claimHash)`. The order is
 * the reverse of the proof-requirement sample's, so the two draws are independent.
 * The trie descends with `r = uint256(seed) mod rootSum`.
 *
 * @param proofSeed - The 32-byte proof seed (a block hash at or after the claim window's close).
 * @param claimHash - The 32-byte claim hash (`computeClaimHash`).
 * @returns The 32-byte seed as hex.
 *
 * @example
 * computeWeightedDrawSeed(proofSeed, claimHash) // '0x…' (32 bytes)
 */
export function computeWeightedDrawSeed(proofSeed: Hex, claimHash: Hex): ComputeWeightedDrawSeedReturnType {
  return bytesToHex(
    sha256(toFixedBytes('proofSeed', proofSeed, 32), toFixedBytes('claimHash', claimHash, 32)),
  )
}
