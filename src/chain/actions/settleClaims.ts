import type { Address, Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type ClaimData, toWriteResult, type WriteResult } from './types.ts'

export type SettleClaimsParameters = { claims: readonly ClaimData[] }

/** What happened to one claim in a settlement batch. */
export type SettledClaim =
  | {
      outcome: 'settled'
      claimKey: Hex
      supplierOperator: Address
      application: Address
      session: bigint
      claimTokens: bigint
      burned: bigint
      minted: bigint
      inflationMinted: bigint
      isProofRequired: boolean
    }
  /** A required proof was missing or invalid: nothing paid, the supplier slashed. */
  | {
      outcome: 'expired'
      claimKey: Hex
      supplierOperator: Address
      application: Address
      session: bigint
      slashed: bigint
    }
  /** Not settleable (unknown, already settled, or too early): the batch went on without it. */
  | { outcome: 'skipped'; claimKey: Hex }

export type SettleClaimsReturnType = WriteResult & { results: SettledClaim[] }

/**
 * Settles claims after their proof window, in one transaction (anyone may call it). Burns from each
 * application's stake within its session budget, mints to the supplier's revenue shares, the champion and
 * the DAO, slashes suppliers whose required proof is missing, and feeds the difficulty control law.
 *
 * @returns the transaction and each claim's outcome, in log order
 * @example
 * const { results } = await settleClaims(ledger, { claims })
 */
export async function settleClaims(
  ledger: Ledger,
  { claims }: SettleClaimsParameters,
): Promise<SettleClaimsReturnType> {
  const sent = await writeLedger(ledger, 'settlement', 'settleBatch', [claims])
  const byLog = (a: { logIndex: number }, b: { logIndex: number }) => a.logIndex - b.logIndex
  const settled = parseLedgerEvents(ledger, 'settlement', sent.receipt, 'ClaimSettled').map((e) => ({
    logIndex: e.logIndex,
    result: { outcome: 'settled' as const, ...e.args, isProofRequired: e.args.proofRequired },
  }))
  const expired = parseLedgerEvents(ledger, 'settlement', sent.receipt, 'ClaimExpired').map((e) => ({
    logIndex: e.logIndex,
    result: { outcome: 'expired' as const, ...e.args },
  }))
  const skipped = parseLedgerEvents(ledger, 'settlement', sent.receipt, 'ClaimSkipped').map((e) => ({
    logIndex: e.logIndex,
    result: { outcome: 'skipped' as const, claimKey: e.args.claimKey },
  }))
  const results = [...settled, ...expired, ...skipped]
    .sort(byLog)
    .map(({ result }) => stripProofRequired(result))
  return { ...toWriteResult(sent), results }
}

function stripProofRequired(result: SettledClaim & { proofRequired?: boolean }): SettledClaim {
  const { proofRequired: _unused, ...rest } = result
  return rest as SettledClaim
}
