import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { EarningPoint, FlowRow } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
import { createRunningFold, type RunningFold, type RunningFoldSpec, scanFold } from './createRunningFold.ts'
import { argBigint, argHex } from './eventArgs.ts'
import type { ServiceRegistry } from './serviceRegistry.ts'
import { toFlowRow } from './toFlowRow.ts'

/** What a supplier did, summed over the ledger's life. */
export type SupplierSums = {
  claims: number
  /** Sessions in which it made a claim. */
  sessions: Set<bigint>
  /** Its claims with an accepted proof. */
  proofs: number
  settlements: number
  expired: number
  /** Minted to its revenue shares by its settlements. */
  earned: bigint
}

/** What a service's champion earned, summed over the ledger's life. */
export type ServiceSums = { settledClaims: number; championEarnings: bigint; earnings: EarningPoint[] }

/** The per-supplier and per-service sums and the settlements list, over every indexed event. */
export type Aggregates = {
  /** Every settlement (oldest first) with its token flows. */
  settlements: FlowRow[]
  suppliers: Map<Hex, SupplierSums>
  /** By service id. */
  services: Map<string, ServiceSums>
  /** Claims against each application. */
  applicationClaims: Map<Hex, number>
}

const eventNames = ['ClaimCreated', 'ProofAccepted', 'ClaimSettled', 'ClaimExpired']

/**
 * Creates the running aggregates: built by one scan on the first read, then kept up to date from newly
 * indexed events only (a reorg makes the next read scan again; see {@link createRunningFold}). Why: on a
 * long-lived chain, re-adding hundreds of thousands of settlements on every block is what made the
 * services, suppliers and flows pages slow.
 *
 * @param data - the data source
 * @param readRegistry - the service registry now (champions by block, service keys)
 * @returns the running aggregates; `read()` answers them for everything indexed
 * @example
 * const aggregates = createRunningAggregates(data, () => readServiceRegistry(data))
 * aggregates.read().suppliers.get(operator)?.claims
 */
export function createRunningAggregates(
  data: ExplorerDataSource,
  readRegistry: () => ServiceRegistry,
): RunningFold<Aggregates> {
  return createRunningFold(data, aggregatesSpec(data, readRegistry))
}

/**
 * The aggregates from a full scan of the index: what the running aggregates must always equal.
 *
 * @example
 * expect(running.read()).toEqual(scanAggregates(data, registry))
 */
export function scanAggregates(data: ExplorerDataSource, readRegistry: () => ServiceRegistry): Aggregates {
  return scanFold(data, aggregatesSpec(data, readRegistry))
}

function aggregatesSpec(
  data: ExplorerDataSource,
  readRegistry: () => ServiceRegistry,
): RunningFoldSpec<Aggregates> {
  const blocks = createBlockCache(data)
  return {
    eventNames,
    empty: () => ({
      settlements: [],
      suppliers: new Map(),
      services: new Map(),
      applicationClaims: new Map(),
    }),
    add(fold, event) {
      if (event.eventName === 'ClaimCreated') addClaim(fold, event)
      else if (event.eventName === 'ProofAccepted') addProof(data, fold, event)
      else if (event.contract === 'Settlement')
        addSettlement(fold, toFlowRow(data, readRegistry(), event, blocks.eventsOf(event)))
    },
  }
}

function supplierSums(fold: Aggregates, operator: Hex): SupplierSums {
  const found = fold.suppliers.get(operator)
  if (found) return found
  const sums = { claims: 0, sessions: new Set<bigint>(), proofs: 0, settlements: 0, expired: 0, earned: 0n }
  fold.suppliers.set(operator, sums)
  return sums
}

function addClaim(fold: Aggregates, event: ExplorerEvent): void {
  const sums = supplierSums(fold, argHex(event, 'supplierOperator'))
  sums.claims++
  sums.sessions.add(argBigint(event, 'session'))
  const application = argHex(event, 'application')
  fold.applicationClaims.set(application, (fold.applicationClaims.get(application) ?? 0) + 1)
}

// `ProofAccepted` names only the claim: its supplier is on the claim's `ClaimCreated`.
function addProof(data: ExplorerDataSource, fold: Aggregates, event: ExplorerEvent): void {
  const claim = argHex(event, 'claimKey')
  const [created] = data.getEvents({ claim, eventName: 'ClaimCreated' }, { limit: 1 })
  if (created) supplierSums(fold, argHex(created, 'supplierOperator')).proofs++
}

function addSettlement(fold: Aggregates, row: FlowRow): void {
  fold.settlements.push(row)
  const sums = supplierSums(fold, row.supplier as Hex)
  if (row.outcome === 'expired') {
    sums.expired++
    return
  }
  sums.settlements++
  sums.earned += BigInt(row.toSupplier)
  if (row.serviceId === null) return
  const service = fold.services.get(row.serviceId) ?? { settledClaims: 0, championEarnings: 0n, earnings: [] }
  fold.services.set(row.serviceId, service)
  service.settledClaims++
  service.championEarnings += BigInt(row.toChampion)
  service.earnings.push({
    blockNumber: row.blockNumber,
    session: row.session,
    amount: row.toChampion,
    cumulative: service.championEarnings.toString(),
  })
}

const identity = (event: ExplorerEvent) => `${event.id}/${event.transactionHash}`

// A settlement transaction settles many claims in one block: its events are read once, not once per claim.
function createBlockCache(data: ExplorerDataSource) {
  let cached: { blockNumber: bigint; events: readonly ExplorerEvent[]; ids: Set<string> } | undefined
  return {
    eventsOf(event: ExplorerEvent): readonly ExplorerEvent[] {
      // Refetched when the block changed or has grown since (the event itself is not in the copy).
      if (cached?.blockNumber !== event.blockNumber || !cached.ids.has(identity(event))) {
        const events = data.getEvents({ fromBlock: event.blockNumber, toBlock: event.blockNumber })
        cached = { blockNumber: event.blockNumber, events, ids: new Set(events.map(identity)) }
      }
      return cached.events
    },
  }
}
