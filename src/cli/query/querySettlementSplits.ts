import { type Address, type Hex, zeroAddress } from 'viem'
import { getParams, getService, type Ledger } from '../../chain/index.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'

/** Who a settlement minted to: a revenue-share recipient of the supplier, the champion or the DAO. */
export type SettlementMint = { recipient: Address; role: 'supplier' | 'champion' | 'dao'; amount: bigint }

type SettledLog = { transactionHash: Hex; logIndex: number; session: bigint; serviceId: string | undefined }

/**
 * What each settled claim minted, to whom. `ClaimSettled` carries only the totals; the split is in the
 * token's mints (`Transfer` from the zero address) that `Settlement` makes in the same transaction just
 * before it emits `ClaimSettled`: the supplier's revenue shares, then the champion, then the DAO (zero
 * amounts are not minted). Recipients are named by address: the DAO of the session's parameters, the
 * service's champion, and the supplier's share recipients for the rest.
 *
 * @param ledger - the ledger
 * @param settled - the settled claims, with the service each was for when known
 * @returns the mints of each, keyed by `transactionHash:logIndex` of its `ClaimSettled`
 * @example
 * const splits = await querySettlementSplits(ledger, settledRows)
 */
export async function querySettlementSplits(
  ledger: Ledger,
  settled: readonly SettledLog[],
  fromBlock?: bigint,
): Promise<Map<string, SettlementMint[]>> {
  const splits = new Map<string, SettlementMint[]>()
  if (settled.length === 0) return splits
  const mints = await getLedgerEvents(ledger, 'token', 'Transfer', { fromBlock, args: { from: zeroAddress } })
  const daoOf = memoize((session: bigint) => getParams(ledger, { session }).then(({ params }) => params.dao))
  const championOf = memoize((serviceId: string) => getService(ledger, { serviceId }).then((s) => s.owner))
  // One pass over each transaction's logs in order: the mints seen since the previous settled claim
  // belong to the next one (a whole chain's worth of settlements stays linear).
  const mintsByTransaction = groupBy(mints, (log) => log.transactionHash)
  const claimsByTransaction = groupBy(settled, (claim) => claim.transactionHash)
  for (const [transactionHash, claims] of claimsByTransaction) {
    const pending = (mintsByTransaction.get(transactionHash) ?? []).sort((a, b) => a.logIndex - b.logIndex)
    let next = 0
    for (const claim of claims.sort((a, b) => a.logIndex - b.logIndex)) {
      const own = []
      while (next < pending.length && pending[next]!.logIndex < claim.logIndex) own.push(pending[next++]!)
      const [dao, champion] = await Promise.all([
        daoOf(claim.session),
        claim.serviceId === undefined ? undefined : championOf(claim.serviceId),
      ])
      splits.set(
        `${claim.transactionHash}:${claim.logIndex}`,
        own.map((log) => ({
          recipient: log.args.to,
          role: roleOf(log.args.to, { dao, champion }),
          amount: log.args.value,
        })),
      )
    }
  }
  return splits
}

function roleOf(recipient: Address, known: { dao: Address; champion: Address | undefined }) {
  const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase()
  if (same(recipient, known.dao)) return 'dao'
  if (same(recipient, known.champion)) return 'champion'
  return 'supplier'
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

function memoize<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>()
  return (key) => {
    if (!cache.has(key)) cache.set(key, read(key))
    return cache.get(key)!
  }
}
