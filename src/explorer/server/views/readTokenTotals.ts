import type { TokenTotals } from '../../api/types.ts'
import type { ExplorerDataSource } from '../../ports.ts'
import { argBigint } from './eventArgs.ts'

/**
 * Adds up what settlement moved over the ledger's life: burned from application stakes, minted (and
 * inflation minted) to suppliers, champions and the DAO, and slashed from suppliers.
 *
 * Cost: one pass over the settlement events (the server caches views per indexed height).
 *
 * @param data - the data source
 * @returns the totals, amounts in base units
 * @example
 * readTokenTotals(data).burned // '1234'
 */
export function readTokenTotals(data: ExplorerDataSource): TokenTotals {
  let burned = 0n
  let minted = 0n
  let inflationMinted = 0n
  let slashed = 0n
  let settledClaims = 0
  let expiredClaims = 0
  for (const event of data.getEvents({
    contract: 'Settlement',
    eventName: ['ClaimSettled', 'ClaimExpired'],
  })) {
    if (event.eventName === 'ClaimSettled') {
      settledClaims++
      burned += argBigint(event, 'burned')
      minted += argBigint(event, 'minted')
      inflationMinted += argBigint(event, 'inflationMinted')
    } else {
      expiredClaims++
      slashed += argBigint(event, 'slashed')
    }
  }
  return {
    burned: burned.toString(),
    minted: minted.toString(),
    inflationMinted: inflationMinted.toString(),
    slashed: slashed.toString(),
    settledClaims,
    expiredClaims,
  }
}
