import type { Address } from 'viem'
import { isSupplierInSession } from '../../protocol/session/isSupplierInSession.ts'
import { computeServiceKey } from '../ledger/computeServiceKey.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'
import type { SessionHeader } from './types.ts'

export type GetSessionSuppliersParameters = {
  header: SessionHeader
  session: bigint
  /** Supplier operators to test, e.g. those the indexer saw stake for the service (`SupplierServiceAdded`). */
  candidates: readonly Address[]
}
export type GetSessionSuppliersReturnType = { operator: Address; endpoint: string }[]

/**
 * Lists which of the candidate suppliers serve a session, with the endpoint each serves it at.
 *
 * Why candidates: the ledger checks membership one supplier at a time in O(1) and keeps no enumerable
 * list (no transaction may loop over all suppliers), so the caller brings the set to test — typically the
 * indexer's `SupplierServiceAdded` events for the service. All reads go out in one JSON-RPC batch.
 *
 * @returns the members, in candidate order
 * @example
 * const suppliers = await getSessionSuppliers(ledger, { header, session, candidates })
 */
export async function getSessionSuppliers(
  ledger: Ledger,
  { header, session, candidates }: GetSessionSuppliersParameters,
): Promise<GetSessionSuppliersReturnType> {
  const key = computeServiceKey(header.serviceId)
  const [params, terms, endpoints] = await Promise.all([
    readLedger(ledger, 'params', 'paramsAt', [session]),
    Promise.all(
      candidates.map((operator) =>
        readLedgerRecord(ledger, 'suppliers', 'claimTerms', [operator, key, session]),
      ),
    ),
    Promise.all(
      candidates.map((operator) => readLedger(ledger, 'suppliers', 'endpointAt', [operator, key, session])),
    ),
  ])
  return candidates.flatMap((operator, i) => {
    const { active, numSuppliers } = terms[i]!
    if (!active || numSuppliers === 0n) return []
    const isMember = isSupplierInSession({
      sessionId: header.sessionId,
      supplierOperator: operator,
      numSuppliers,
      suppliersPerSession: params.suppliersPerSession,
    })
    return isMember ? [{ operator, endpoint: endpoints[i]! }] : []
  })
}
