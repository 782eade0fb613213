import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import type { ClaimData, ClaimStatus } from './types.ts'

const statuses: readonly ClaimStatus[] = ['none', 'claimed', 'proven']

export type GetClaimStatusParameters = { claim: ClaimData }
export type GetClaimStatusReturnType = ClaimStatus

/**
 * Reads a claim's status: `none` (never made, or already settled), `claimed`, or `proven`.
 *
 * @returns the status
 * @example
 * if ((await getClaimStatus(ledger, { claim })) === 'claimed') await submitProof(ledger, { claim, proof })
 */
export async function getClaimStatus(
  ledger: Ledger,
  { claim }: GetClaimStatusParameters,
): Promise<GetClaimStatusReturnType> {
  const status = await readLedger(ledger, 'claims', 'statusOfClaim', [claim])
  return statuses[status] ?? 'none'
}
