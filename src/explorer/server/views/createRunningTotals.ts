import type { OverviewView, TokenTotals } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
import { createRunningFold, type RunningFoldSpec, scanFold } from './createRunningFold.ts'
import { argBigint, argHex } from './eventArgs.ts'

/** The overview's figures that add up over the ledger's life (the service count comes from the registry). */
export type RunningTotalsView = { tokens: TokenTotals; counts: Omit<OverviewView['counts'], 'services'> }

/** Token totals and participant counts, kept up to date event by event instead of re-scanned per block. */
export type RunningTotals = {
  read(): RunningTotalsView
  /** Stops following the data source. */
  close(): void
}

type Fold = {
  burned: bigint
  minted: bigint
  inflationMinted: bigint
  slashed: bigint
  settledClaims: number
  expiredClaims: number
  claims: number
  proofs: number
  suppliers: Set<string>
  applications: Set<string>
  gateways: Set<string>
}

const foldedEventNames = [
  'ClaimSettled',
  'ClaimExpired',
  'ClaimCreated',
  'ProofAccepted',
  'SupplierStaked',
  'ApplicationStaked',
  'GatewayStaked',
]

const spec: RunningFoldSpec<Fold> = {
  eventNames: foldedEventNames,
  empty: () => ({
    burned: 0n,
    minted: 0n,
    inflationMinted: 0n,
    slashed: 0n,
    settledClaims: 0,
    expiredClaims: 0,
    claims: 0,
    proofs: 0,
    suppliers: new Set(),
    applications: new Set(),
    gateways: new Set(),
  }),
  add: addEvent,
}

/**
 * Creates the running totals: one scan of the index on the first read, then each newly indexed event is
 * added (see {@link createRunningFold}: a reorg or a vanished event makes the next read scan again), so the
 * totals always equal a full scan of the index.
 *
 * @param data - the data source
 * @returns the totals
 * @example
 * const totals = createRunningTotals(data)
 * totals.read().tokens.burned // '1234'
 */
export function createRunningTotals(data: ExplorerDataSource): RunningTotals {
  const running = createRunningFold(data, spec)
  return { read: () => toView(running.read()), close: running.close }
}

/**
 * The same figures from a full scan of the index: what the running totals must always equal.
 *
 * @param data - the data source
 * @returns the totals and counts
 * @example
 * expect(createRunningTotals(data).read()).toEqual(scanTotals(data))
 */
export function scanTotals(data: ExplorerDataSource): RunningTotalsView {
  return toView(scanFold(data, spec))
}

function addEvent(fold: Fold, event: ExplorerEvent): void {
  switch (event.eventName) {
    case 'ClaimSettled':
      if (event.contract !== 'Settlement') return
      fold.settledClaims++
      fold.burned += argBigint(event, 'burned')
      fold.minted += argBigint(event, 'minted')
      fold.inflationMinted += argBigint(event, 'inflationMinted')
      return
    case 'ClaimExpired':
      if (event.contract !== 'Settlement') return
      fold.expiredClaims++
      fold.slashed += argBigint(event, 'slashed')
      return
    case 'ClaimCreated':
      fold.claims++
      return
    case 'ProofAccepted':
      fold.proofs++
      return
    case 'SupplierStaked':
      fold.suppliers.add(argHex(event, 'operator'))
      return
    case 'ApplicationStaked':
      fold.applications.add(argHex(event, 'application'))
      return
    case 'GatewayStaked':
      fold.gateways.add(argHex(event, 'gateway'))
  }
}

function toView(fold: Fold): RunningTotalsView {
  return {
    tokens: {
      burned: fold.burned.toString(),
      minted: fold.minted.toString(),
      inflationMinted: fold.inflationMinted.toString(),
      slashed: fold.slashed.toString(),
      settledClaims: fold.settledClaims,
      expiredClaims: fold.expiredClaims,
    },
    counts: {
      suppliers: fold.suppliers.size,
      applications: fold.applications.size,
      gateways: fold.gateways.size,
      claims: fold.claims,
      proofs: fold.proofs,
    },
  }
}
