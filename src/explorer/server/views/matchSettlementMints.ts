import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
import { argArray, argBigint, argHex, toAddressKey } from './eventArgs.ts'

const zeroAddress = `0x${'0'.repeat(40)}`
const settlementEvents = new Set(['ClaimSettled', 'ClaimExpired', 'ClaimSkipped'])

/** Where a settlement's minted tokens went. */
export type SettlementSplit = { toSupplier: bigint; toChampion: bigint; toDao: bigint }

/**
 * Finds the token mints of one settlement and splits them into supplier (revenue shares), champion and DAO.
 *
 * Why from `Transfer` events rather than recomputing the split: they are what the chain actually paid.
 * `Settlement` mints once per claim, just before its `ClaimSettled`, in the order revenue shares…,
 * champion, DAO, skipping zero amounts (docs/ledger.md, Settlement). So the mints of a claim are the token
 * mints of its transaction after the previous settlement event, and each is matched to the first slot of
 * that order it fits; the DAO slot takes any address, since the DAO is a parameter, not an event.
 *
 * @param data - the data source
 * @param settled - the `ClaimSettled` event
 * @param champion - the service's champion at that block
 * @param blockEvents - every event of the settled event's block, oldest first (read when not given): a
 *   caller splitting many settlements of one block passes them once
 * @returns the split
 * @example
 * matchSettlementMints(data, settled, champion).toChampion
 */
export function matchSettlementMints(
  data: ExplorerDataSource,
  settled: ExplorerEvent,
  champion: Hex | undefined,
  blockEvents: readonly ExplorerEvent[] = data.getEvents({
    fromBlock: settled.blockNumber,
    toBlock: settled.blockNumber,
  }),
): SettlementSplit {
  const mints = findMints(blockEvents, settled)
  const slots = [
    ...revenueSharesAt(data, argHex(settled, 'supplierOperator'), settled.blockNumber).map((r) => ({
      role: 'toSupplier' as const,
      address: r,
    })),
    { role: 'toChampion' as const, address: champion },
    { role: 'toDao' as const, address: undefined },
  ]
  const split: SettlementSplit = { toSupplier: 0n, toChampion: 0n, toDao: 0n }
  let at = 0
  for (const mint of mints) {
    const to = toAddressKey(mint.args.to)
    while (at < slots.length - 1 && slots[at]!.address !== to) at++
    split[slots[at]!.role] += argBigint(mint, 'value')
    if (at < slots.length - 1) at++
  }
  return split
}

// Walks back from the settlement to the previous one of its transaction: only this claim's mints are read.
function findMints(blockEvents: readonly ExplorerEvent[], settled: ExplorerEvent): ExplorerEvent[] {
  const mints: ExplorerEvent[] = []
  let at = lastIndexBefore(blockEvents, settled.logIndex)
  for (; at >= 0; at--) {
    const e = blockEvents[at]!
    if (e.transactionHash !== settled.transactionHash) continue
    if (e.contract === 'Settlement' && settlementEvents.has(e.eventName)) break
    if (
      e.contract === 'DecaiToken' &&
      e.eventName === 'Transfer' &&
      toAddressKey(e.args.from) === zeroAddress
    )
      mints.unshift(e)
  }
  return mints
}

/** The index of the last event with a log index below `logIndex` (events ordered by log index), or -1. */
function lastIndexBefore(events: readonly ExplorerEvent[], logIndex: number): number {
  let low = 0
  let high = events.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (events[mid]!.logIndex < logIndex) low = mid + 1
    else high = mid
  }
  return low - 1
}

/**
 * A supplier's revenue-share recipients in force at a block (the last `RevenueSharesSet` before it).
 *
 * @returns recipient addresses, lower-case, in list order
 * @example
 * revenueSharesAt(data, operator, 120n)
 */
export function revenueSharesAt(data: ExplorerDataSource, operator: Hex, blockNumber: bigint): Hex[] {
  const [latest] = data.getEvents(
    { supplier: operator, eventName: 'RevenueSharesSet', toBlock: blockNumber },
    { order: 'desc', limit: 1 },
  )
  if (!latest) return []
  return argArray(latest, 'shares').map((share) =>
    toAddressKey((share as { recipient?: unknown } | null)?.recipient),
  )
}
