import type { Address, Hex } from 'viem'
import { computeServiceKey } from '../ledger/computeServiceKey.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'
import type { SessionHeader } from './types.ts'

export type GetSessionParameters = {
  application: Address
  serviceId: string
  /** The session number. Default: the current session. */
  session?: bigint | undefined
}
export type GetSessionReturnType = {
  /** The session number (1 at the ledger's genesis height). */
  session: bigint
  header: SessionHeader
  /** The session's seed as recorded on-chain (or still readable from `blockhash`). */
  seed: Hex
  /** n: suppliers staked for the service at the session start (membership threshold input, spec §3.4). */
  numSuppliers: bigint
  /** k: expected suppliers per session. */
  suppliersPerSession: number
  timeline: {
    claimWindowOpen: bigint
    claimWindowClose: bigint
    proofWindowOpen: bigint
    proofWindowClose: bigint
    settlementHeight: bigint
  }
}

/**
 * Reads everything a session of (application, service) is: its header with the session id the ledger
 * derives (spec §3.3), its seed, the membership counts and its claim/proof/settlement heights — in one
 * JSON-RPC batch.
 *
 * @returns the session
 * @throws {ChainCallRevertedError} `SessionNotStarted`, or `SessionSeedUnavailable` when the seed was never
 *   recorded and its block is out of `blockhash` reach
 * @example
 * const { header } = await getSession(ledger, { application, serviceId: 'llama-tiny' })
 */
export async function getSession(
  ledger: Ledger,
  parameters: GetSessionParameters,
): Promise<GetSessionReturnType> {
  const { application, serviceId } = parameters
  const session = parameters.session ?? (await readLedger(ledger, 'sessions', 'currentSession', []))
  const serviceKey = computeServiceKey(serviceId)
  const [sessionId, seed, timeline, numSuppliers, params] = await Promise.all([
    readLedger(ledger, 'sessions', 'sessionId', [application, serviceId, session]),
    readLedger(ledger, 'sessions', 'sessionSeed', [session]),
    readLedgerRecord(ledger, 'sessions', 'timeline', [session]),
    readLedger(ledger, 'suppliers', 'supplierCountAt', [serviceKey, session]),
    readLedger(ledger, 'params', 'paramsAt', [session]),
  ])
  const { start, end, claimOpen, claimClose, proofOpen, proofClose, settlementHeight } = timeline
  return {
    session,
    header: { application, serviceId, sessionId, sessionStartHeight: start, sessionEndHeight: end },
    seed,
    numSuppliers,
    suppliersPerSession: params.suppliersPerSession,
    timeline: {
      claimWindowOpen: claimOpen,
      claimWindowClose: claimClose,
      proofWindowOpen: proofOpen,
      proofWindowClose: proofClose,
      settlementHeight,
    },
  }
}
