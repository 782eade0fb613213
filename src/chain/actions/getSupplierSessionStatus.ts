import type { Address } from 'viem'
import { isSupplierInSession } from '../../protocol/session/isSupplierInSession.ts'
import { computeServiceKey } from '../ledger/computeServiceKey.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'
import type { SessionHeader } from './types.ts'

export type GetSupplierSessionStatusParameters = {
  header: SessionHeader
  supplierOperator: Address
  /** The session number of `header`. */
  session: bigint
}
export type GetSupplierSessionStatusReturnType = {
  /** Staked for the header's service during the session. */
  isActive: boolean
  /** Drawn into the session (spec §3.4); only meaningful when active. */
  isInSession: boolean
  numSuppliers: bigint
  suppliersPerSession: number
}

/**
 * Tells whether a supplier may serve (and claim) a session: staked for its service then, and drawn by the
 * O(1) membership rule — the same two checks `Claims.createClaim` makes, so a `true` here means a claim
 * will not be refused for membership.
 *
 * @returns activity, membership and the counts behind them
 * @example
 * const { isActive, isInSession } = await getSupplierSessionStatus(ledger, { header, supplierOperator, session })
 */
export async function getSupplierSessionStatus(
  ledger: Ledger,
  { header, supplierOperator, session }: GetSupplierSessionStatusParameters,
): Promise<GetSupplierSessionStatusReturnType> {
  const [{ active: isActive, numSuppliers }, params] = await Promise.all([
    readLedgerRecord(ledger, 'suppliers', 'claimTerms', [
      supplierOperator,
      computeServiceKey(header.serviceId),
      session,
    ]),
    readLedger(ledger, 'params', 'paramsAt', [session]),
  ])
  const suppliersPerSession = params.suppliersPerSession
  const isInSession =
    isActive &&
    numSuppliers > 0n &&
    isSupplierInSession({ sessionId: header.sessionId, supplierOperator, numSuppliers, suppliersPerSession })
  return { isActive, isInSession, numSuppliers, suppliersPerSession }
}
