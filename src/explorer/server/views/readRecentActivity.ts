import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'

// Token transfers and approvals are everyday ERC-20 traffic, not ledger activity.
const isLedgerActivity = (e: ExplorerEvent) => e.contract !== 'DecaiToken' || e.eventName === 'FaucetMinted'

/**
 * The `count` most recent ledger events, newest first, token transfers and approvals left out. It pages
 * back through the index until it has found them (or reached the deployment), so a burst of transfers
 * cannot crowd the ledger's own events out of the feed.
 *
 * @param data - the data source
 * @param count - how many events
 * @returns the events, newest first
 * @example
 * readRecentActivity(data, 15).map((e) => e.eventName)
 */
export function readRecentActivity(
  data: Pick<ExplorerDataSource, 'getEvents'>,
  count: number,
): ExplorerEvent[] {
  const found = new Map<string, ExplorerEvent>()
  let toBlock: bigint | undefined
  let limit = 64
  for (;;) {
    const page = data.getEvents({ toBlock }, { order: 'desc', limit })
    // The next page starts again at the oldest block seen (it may hold more events): the ids dedupe.
    for (const event of page) if (found.size < count && isLedgerActivity(event)) found.set(event.id, event)
    if (found.size >= count || page.length < limit) break
    const oldest = page.at(-1)!.blockNumber
    // A single block filled the whole page: a bigger page, rather than the same one again.
    if (oldest === toBlock) limit *= 2
    toBlock = oldest
  }
  return [...found.values()]
}
