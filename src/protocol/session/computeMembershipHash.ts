import jsSha3 from 'js-sha3'
import { type Hex, hexToBytes, isHex } from '../bytes/bytes.ts'
import { SessionInvalidSessionIdError, SessionInvalidSupplierError } from './errors.ts'

export type ComputeMembershipHashParameters = {
  sessionId: Hex
  /** The supplier's operator address (any case). */
  supplierOperator: Hex
}
export type ComputeMembershipHashReturnType = Hex
export type ComputeMembershipHashErrorType = SessionInvalidSessionIdError | SessionInvalidSupplierError

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/

/**
 * The supplier's sortition hash for a session (spec §3.4): `keccak256(abi.encode(sessionId, supplierOperator))`,
 * byte-identical to Solidity's, i.e. Keccak-256 over `sessionId (32 B) ‖ 12 zero bytes ‖ address (20 B)`.
 * Built by hand rather than with viem's ABI encoder because gateways hash every supplier of a service each
 * session; a test checks it against `encodeAbiParameters`.
 *
 * @param parameters - The session id and the supplier's operator address.
 * @returns The 32-byte hash as lower-case `0x` hex.
 * @throws SessionInvalidSessionIdError, SessionInvalidSupplierError
 *
 * @example
 * computeMembershipHash({ sessionId: `0x${'11'.repeat(32)}`, supplierOperator: `0x${'22'.repeat(20)}` })
 */
export function computeMembershipHash({
  sessionId,
  supplierOperator,
}: ComputeMembershipHashParameters): ComputeMembershipHashReturnType {
  if (!isHex(sessionId) || sessionId.length !== 66) throw new SessionInvalidSessionIdError({ sessionId })
  if (typeof supplierOperator !== 'string' || !ADDRESS_RE.test(supplierOperator))
    throw new SessionInvalidSupplierError({ supplierOperator })
  const encoded = new Uint8Array(64)
  encoded.set(hexToBytes(sessionId), 0)
  encoded.set(hexToBytes(supplierOperator.toLowerCase() as Hex), 44)
  return `0x${jsSha3.keccak256(encoded)}`
}
