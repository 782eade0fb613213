import type { Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type SessionHeader, toWriteResult, type WriteResult } from './types.ts'

export type SubmitClaimParameters = {
  header: SessionHeader
  /** 48 bytes: sum-trie root hash ‖ uint64 sum (compute units) ‖ uint64 count (relays). */
  root: Hex
}
export type SubmitClaimReturnType = WriteResult & { claimKey: Hex; claimHash: Hex; session: bigint }

/**
 * Claims the relays the clients' account (a supplier operator) mined in a session, inside the claim window.
 *
 * @returns the transaction, the claim key, the claim hash (what the proof draw hashes) and the session number
 * @throws {ChainTxRevertedError} `OutsideClaimWindow`, `SessionHeaderMismatch`, `SessionIdMismatch`,
 *   `ApplicationNotInSession`, `SupplierNotStakedForService`, `SupplierNotInSession`, `ClaimExists`,
 *   `EmptyClaim`, `InvalidRoot`
 * @example
 * const { claimKey } = await submitClaim(ledger, { header, root })
 */
export async function submitClaim(
  ledger: Ledger,
  { header, root }: SubmitClaimParameters,
): Promise<SubmitClaimReturnType> {
  const sent = await writeLedger(ledger, 'claims', 'createClaim', [header, root])
  const [created] = parseLedgerEvents(ledger, 'claims', sent.receipt, 'ClaimCreated')
  const { claimKey, claimHash, session } = created!.args
  return { ...toWriteResult(sent), claimKey, claimHash, session }
}
