import { encodeAbiParameters, keccak256 } from 'viem'
import type { Hex } from '../bytes/bytes.ts'
import { sessionHeaderAbiParameter } from '../relay/relayAbi.ts'
import type { SessionHeader } from '../relay/types.ts'
import { SettlementInvalidParamsError } from './errors.ts'
import type { Address } from './types.ts'
import { toFixedBytes } from './validate.ts'

export type ComputeClaimHashParameters = {
  sessionHeader: SessionHeader
  supplierOperator: Address
  /** The sum-trie root: 48 bytes. */
  root: Hex
}
export type ComputeClaimHashReturnType = Hex
export type ComputeClaimHashErrorType = SettlementInvalidParamsError

// spec §7.5: (SessionHeader, address supplierOperator, bytes root), as Solidity's abi.encode lays them out
const claimParameters = [sessionHeaderAbiParameter, { type: 'address' }, { type: 'bytes' }] as const

/**
 * The claim hash (spec §7.5): `keccak256(abi.encode(SessionHeader, supplierOperator, root))`, the same
 * bytes as Solidity's `keccak256(abi.encode(header, supplier, root))`. It covers only what cannot change
 * after the claim is made, so the proof requirement drawn from it cannot flip at settlement.
 *
 * @param parameters - The session header, the claiming supplier's operator address and the 48-byte root.
 * @returns The 32-byte claim hash.
 * @throws SettlementInvalidParamsError on a root that is not 48 bytes or a field viem cannot encode.
 *
 * @example
 * computeClaimHash({ sessionHeader, supplierOperator: '0x…', root: '0x…' }) // '0x…' (32 bytes)
 */
export function computeClaimHash({
  sessionHeader,
  supplierOperator,
  root,
}: ComputeClaimHashParameters): ComputeClaimHashReturnType {
  toFixedBytes('root', root, 48)
  let encoded: Hex
  try {
    // spec §1: addresses compare as 20-byte values; lower case keeps viem's checksum test out of the way
    const header = { ...sessionHeader, application: lowerCase(sessionHeader.application) }
    encoded = encodeAbiParameters(claimParameters, [header, lowerCase(supplierOperator), root])
  } catch (cause) {
    // viem rejects malformed addresses, a sessionId that is not 32 bytes and heights above uint64
    throw new SettlementInvalidParamsError({ field: 'claim', reason: 'cannot be ABI-encoded', cause })
  }
  return keccak256(encoded)
}

function lowerCase(address: Address): Address {
  return (typeof address === 'string' ? address.toLowerCase() : address) as Address
}
