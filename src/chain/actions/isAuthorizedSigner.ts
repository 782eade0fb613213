import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'

export type IsAuthorizedSignerParameters = { application: Address; signer: Address; session: bigint }
export type IsAuthorizedSignerReturnType = boolean

/**
 * Tells whether `signer` may sign relay requests for `application` during `session`: the application
 * itself, or a gateway it delegated to for that session and that was staked then (what proofs check).
 *
 * @returns `true` when authorised
 * @example
 * await isAuthorizedSigner(ledger, { application, signer: gateway, session })
 */
export function isAuthorizedSigner(
  ledger: Ledger,
  { application, signer, session }: IsAuthorizedSignerParameters,
): Promise<IsAuthorizedSignerReturnType> {
  return readLedger(ledger, 'applications', 'isAuthorizedSigner', [application, signer, session])
}
