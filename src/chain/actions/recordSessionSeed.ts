import type { Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type RecordSessionSeedParameters = {
  session: bigint
  /** `proof` records the proof seed instead (from the block after the claim window's close). */
  kind?: 'session' | 'proof' | undefined
}
export type RecordSessionSeedReturnType = WriteResult & { seed: Hex | undefined }

/**
 * Records a session's seed (or proof seed) on-chain while its block hash is still readable. Anyone may
 * call it; a keeper does so at each session start, because `blockhash` reaches back only 256 blocks and an
 * anvil restarted from a state file answers a predictable stand-in for older blocks (DESIGN §3).
 *
 * @returns the transaction and the seed, `undefined` when it was already recorded or is out of reach
 * @throws {ChainTxRevertedError} `SessionNotStarted`, `SessionSeedUnavailable`, `ProofSeedNotYetKnown`
 * @example
 * await recordSessionSeed(ledger, { session: 12n })
 */
export async function recordSessionSeed(
  ledger: Ledger,
  { session, kind = 'session' }: RecordSessionSeedParameters,
): Promise<RecordSessionSeedReturnType> {
  const sent = await writeLedger(
    ledger,
    'sessions',
    kind === 'session' ? 'recordSessionSeed' : 'recordProofSeed',
    [session],
  )
  const eventName = kind === 'session' ? 'SessionSeedRecorded' : 'ProofSeedRecorded'
  const [recorded] = parseLedgerEvents(ledger, 'sessions', sent.receipt, eventName)
  return { ...toWriteResult(sent), seed: recorded?.args.seed }
}
