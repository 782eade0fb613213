import type { OverviewView, TokenTotals } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
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
  /** The newest event folded in (of any kind): where the next one must come after. */
  last: ExplorerEvent | undefined
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

/**
 * Creates the running totals: one scan of the index on the first read, then each newly indexed event is
 * added as it arrives. An event at or before the last one folded in means the indexer went back (a reorg,
 * or a commit that was scanned before it was published), and so does a last event that is no longer
 * indexed: the next read scans again, so the totals always equal a full scan of the index.
 *
 * @param data - the data source
 * @returns the totals
 * @example
 * const totals = createRunningTotals(data)
 * totals.read().tokens.burned // '1234'
 */
export function createRunningTotals(data: ExplorerDataSource): RunningTotals {
  let fold: Fold | undefined
  const unsubscribe = data.subscribe((event) => {
    if (!fold) return
    if (fold.last && !isAfter(event, fold.last)) fold = undefined
    else addEvent(fold, event)
  })
  return {
    read() {
      if (!fold || !isStillIndexed(data, fold.last)) fold = scan(data)
      return toView(fold)
    },
    close: unsubscribe,
  }
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
  return toView(scan(data))
}

function scan(data: ExplorerDataSource): Fold {
  const fold: Fold = {
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
    last: undefined,
  }
  // The newest event first: read before the others, so anything indexed meanwhile counts as new.
  const [last] = data.getEvents({}, { order: 'desc', limit: 1 })
  if (!last) return fold
  for (const event of data.getEvents({ eventName: foldedEventNames, toBlock: last.blockNumber }))
    if (!isAfter(event, last)) addEvent(fold, event)
  fold.last = last
  return fold
}

function addEvent(fold: Fold, event: ExplorerEvent): void {
  fold.last = event
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

const isAfter = (event: ExplorerEvent, than: ExplorerEvent) =>
  event.blockNumber > than.blockNumber ||
  (event.blockNumber === than.blockNumber && event.logIndex > than.logIndex)

// A reorg that only removed events publishes nothing: the last event folded in is then gone from the index.
function isStillIndexed(data: ExplorerDataSource, last: ExplorerEvent | undefined): boolean {
  if (!last) return data.getEvents({}, { limit: 1 }).length === 0
  return data
    .getEvents({ fromBlock: last.blockNumber, toBlock: last.blockNumber })
    .some((e) => e.id === last.id && e.transactionHash === last.transactionHash)
}
