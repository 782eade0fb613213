import type { Hex } from '../bytes/bytes.ts'
import { computeMembershipHash } from './computeMembershipHash.ts'
import { computeMembershipThreshold } from './computeMembershipThreshold.ts'
import type {
  SessionInvalidParamsError,
  SessionInvalidSessionIdError,
  SessionInvalidSupplierError,
} from './errors.ts'

export type IsSupplierInSessionParameters = {
  sessionId: Hex
  /** The supplier's operator address. */
  supplierOperator: Hex
  /** n: suppliers staked for the service at the session start. */
  numSuppliers: number | bigint
  /** k: the expected number of suppliers per session. */
  suppliersPerSession: number | bigint
}
export type IsSupplierInSessionReturnType = boolean
export type IsSupplierInSessionErrorType =
  | SessionInvalidParamsError
  | SessionInvalidSessionIdError
  | SessionInvalidSupplierError

/**
 * Whether a supplier serves a session (spec §3.4): `n ≤ k`, or
 * `uint256(keccak256(abi.encode(sessionId, supplierOperator))) < floor(B / n) · k`. The same O(1) check the
 * ledger makes; the caller must also know the supplier was staked for the service at the session start
 * (that is what `n` counts).
 *
 * @param parameters - Session id, supplier operator, n and k.
 * @returns `true` iff the supplier is in the session.
 * @throws SessionInvalidParamsError, SessionInvalidSessionIdError, SessionInvalidSupplierError
 *
 * @example
 * isSupplierInSession({
 *   sessionId: '0xfea5d6f7544ff6d8af5c22529b2ccf01ed7930b3d454d42dda5ccc0b65b6ebfd',
 *   supplierOperator: '0x8ba1f109551bD432803012645Ac136ddd64DBA72',
 *   numSuppliers: 100,
 *   suppliersPerSession: 12,
 * }) // true for about 12 of 100 suppliers
 */
export function isSupplierInSession(
  parameters: IsSupplierInSessionParameters,
): IsSupplierInSessionReturnType {
  const threshold = computeMembershipThreshold(parameters)
  // Validate the id and address even when n ≤ k, so a malformed input fails the same way in every case.
  const hash = computeMembershipHash(parameters)
  return BigInt(hash) < threshold
}
