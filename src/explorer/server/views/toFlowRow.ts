import type { FlowRow } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
import { argBigint, argBoolean, argHex } from './eventArgs.ts'
import { matchSettlementMints } from './matchSettlementMints.ts'
import { serviceOfClaim } from './readClaimRows.ts'
import type { ServiceRegistry } from './serviceRegistry.ts'

/**
 * One settlement's token flows: what was burned from the application and where the mint went, or what was
 * slashed when a required proof was missing.
 *
 * @param data - the data source
 * @param registry - the service registry (for the champion at the settlement's block)
 * @param event - a `ClaimSettled` or `ClaimExpired` event
 * @param blockEvents - every event of its block, when the caller has them (see matchSettlementMints)
 * @returns the row
 * @example
 * toFlowRow(data, readRegistry(ctx), settled).toChampion
 */
export function toFlowRow(
  data: ExplorerDataSource,
  registry: ServiceRegistry,
  event: ExplorerEvent,
  blockEvents?: readonly ExplorerEvent[],
): FlowRow {
  const claimKey = argHex(event, 'claimKey')
  const serviceId = serviceOfClaim(data, claimKey) ?? null
  const isSettled = event.eventName === 'ClaimSettled'
  const serviceKey = serviceId === null ? undefined : registry.byId.get(serviceId)?.serviceKey
  const champion = serviceKey && registry.championAt(serviceKey, event.blockNumber)
  const split = isSettled
    ? matchSettlementMints(data, event, champion, blockEvents)
    : { toSupplier: 0n, toChampion: 0n, toDao: 0n }
  return {
    claimKey,
    blockNumber: event.blockNumber.toString(),
    transactionHash: event.transactionHash,
    session: argBigint(event, 'session').toString(),
    serviceId,
    supplier: argHex(event, 'supplierOperator'),
    application: argHex(event, 'application'),
    outcome: isSettled ? 'settled' : 'expired',
    claimTokens: argBigint(event, 'claimTokens').toString(),
    burned: argBigint(event, 'burned').toString(),
    minted: argBigint(event, 'minted').toString(),
    inflationMinted: argBigint(event, 'inflationMinted').toString(),
    toSupplier: split.toSupplier.toString(),
    toChampion: split.toChampion.toString(),
    toDao: split.toDao.toString(),
    slashed: argBigint(event, 'slashed').toString(),
    isProofRequired: isSettled ? argBoolean(event, 'proofRequired') : true,
  }
}
