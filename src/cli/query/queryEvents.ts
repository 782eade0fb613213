import type { Address } from 'viem'
import type { Ledger } from '../../chain/index.ts'
import { decodeClaimRoot } from '../context/decodeClaimRoot.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'
import { querySettlementSplits } from './querySettlementSplits.ts'

/** Filters shared by the event queries; each is optional. */
export type EventFilters = { supplier?: Address; application?: Address; session?: bigint; fromBlock?: bigint }

const sameAddress = (a: string, b: string | undefined) =>
  b === undefined || a.toLowerCase() === b.toLowerCase()

/**
 * Claims made on the ledger (`ClaimCreated`), with the root's compute units and mined relays decoded.
 *
 * @returns one row per claim, oldest first
 * @example
 * const claims = await queryClaims(ledger, { application })
 */
export async function queryClaims(ledger: Ledger, filters: EventFilters) {
  const logs = await getLedgerEvents(ledger, 'claims', 'ClaimCreated', { fromBlock: filters.fromBlock })
  return logs
    .filter((log) => matches(log.args, filters))
    .map((log) => ({
      blockNumber: log.blockNumber,
      claimKey: log.args.claimKey,
      supplier: log.args.supplierOperator,
      application: log.args.application,
      session: log.args.session,
      serviceId: log.args.header.serviceId,
      header: log.args.header,
      root: log.args.root,
      ...decodeClaimRoot(log.args.root),
    }))
}

/**
 * Proofs the ledger accepted (`ProofAccepted`), joined to their claims for the filters.
 *
 * @returns one row per proof, oldest first
 * @example
 * const proofs = await queryProofs(ledger, {})
 */
export async function queryProofs(ledger: Ledger, filters: EventFilters) {
  const [claims, logs] = await Promise.all([
    queryClaims(ledger, filters),
    getLedgerEvents(ledger, 'proofs', 'ProofAccepted', { fromBlock: filters.fromBlock }),
  ])
  const claimByKey = new Map(claims.map((claim) => [claim.claimKey, claim]))
  return logs.flatMap((log) => {
    const claim = claimByKey.get(log.args.claimKey)
    if (!claim) return []
    return [
      {
        blockNumber: log.blockNumber,
        claimKey: log.args.claimKey,
        supplier: claim.supplier,
        application: claim.application,
        session: claim.session,
        relayHash: log.args.relayHash,
        computeUnits: log.args.computeUnits,
      },
    ]
  })
}

/**
 * Settlement outcomes: claims paid (`ClaimSettled`), with what each minted to whom (the supplier's revenue
 * shares, the champion, the DAO), and claims expired with a slash (`ClaimExpired`).
 *
 * @returns one row per outcome, oldest first
 * @example
 * const settlements = await querySettlements(ledger, { supplier })
 */
export async function querySettlements(ledger: Ledger, filters: EventFilters) {
  const rows = await readSettlementOutcomes(ledger, filters)
  const claims = await queryClaims(ledger, { fromBlock: filters.fromBlock })
  const serviceOf = new Map(claims.map((claim) => [claim.claimKey, claim.serviceId]))
  const settled = rows.filter((row) => row.outcome === 'settled')
  const splits = await querySettlementSplits(
    ledger,
    settled.map((row) => ({ ...row, serviceId: serviceOf.get(row.claimKey) })),
    filters.fromBlock,
  )
  return rows.map(({ transactionHash, ...row }) => ({
    ...row,
    mints: splits.get(`${transactionHash}:${row.logIndex}`) ?? [],
  }))
}

async function readSettlementOutcomes(ledger: Ledger, filters: EventFilters) {
  const [settled, expired] = await Promise.all([
    getLedgerEvents(ledger, 'settlement', 'ClaimSettled', { fromBlock: filters.fromBlock }),
    getLedgerEvents(ledger, 'settlement', 'ClaimExpired', { fromBlock: filters.fromBlock }),
  ])
  const rows = [
    ...settled.map((log) => ({
      outcome: 'settled' as const,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
      claimKey: log.args.claimKey,
      supplier: log.args.supplierOperator,
      application: log.args.application,
      session: log.args.session,
      claimTokens: log.args.claimTokens,
      burned: log.args.burned,
      minted: log.args.minted,
      inflationMinted: log.args.inflationMinted,
      isProofRequired: log.args.proofRequired,
      slashed: 0n,
    })),
    ...expired.map((log) => ({
      outcome: 'expired' as const,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
      claimKey: log.args.claimKey,
      supplier: log.args.supplierOperator,
      application: log.args.application,
      session: log.args.session,
      claimTokens: 0n,
      burned: 0n,
      minted: 0n,
      inflationMinted: 0n,
      isProofRequired: true,
      slashed: log.args.slashed,
    })),
  ]
  return rows
    .filter((row) =>
      matches(
        { supplierOperator: row.supplier, application: row.application, session: row.session },
        filters,
      ),
    )
    .sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex)
}

function matches(
  args: { supplierOperator: string; application: string; session: bigint },
  filters: EventFilters,
): boolean {
  return (
    sameAddress(args.supplierOperator, filters.supplier) &&
    sameAddress(args.application, filters.application) &&
    (filters.session === undefined || args.session === filters.session)
  )
}
