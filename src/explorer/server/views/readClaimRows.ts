import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ClaimRow, ClaimStatusView } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent, ExplorerEventQuery } from '../../ports.ts'
import { parseClaimRoot } from './claimRoot.ts'
import { argBigint, argHex, argRecord, argString } from './eventArgs.ts'

/** A claim with every event of its life: created, proven, settled or expired. */
export type ClaimLife = {
  created: ExplorerEvent
  proof: ExplorerEvent | undefined
  outcome: ExplorerEvent | undefined
}

/**
 * Finds claims (newest first) and, for each, the rest of its life by claim key.
 *
 * @param data - the data source
 * @param query - which claims (by supplier, application, session, service…)
 * @param limit - at most this many claims
 * @returns the claims' lives
 * @example
 * readClaimLives(data, { supplier }, 100)
 */
export function readClaimLives(
  data: ExplorerDataSource,
  query: ExplorerEventQuery,
  limit: number,
): ClaimLife[] {
  const created = data.getEvents({ ...query, eventName: 'ClaimCreated' }, { order: 'desc', limit })
  return created.map((event) => {
    const life = data.getEvents({ claim: argHex(event, 'claimKey') })
    return {
      created: event,
      proof: life.find((e) => e.eventName === 'ProofAccepted'),
      outcome: life.find((e) => e.eventName === 'ClaimSettled' || e.eventName === 'ClaimExpired'),
    }
  })
}

/**
 * How many claims match, however many a page lists: what "showing N of M" says.
 *
 * @param data - the data source
 * @param query - which claims
 * @returns the number of `ClaimCreated` events that match
 * @example
 * countClaims(data, { supplier }) // 240
 */
export function countClaims(data: ExplorerDataSource, query: ExplorerEventQuery): number {
  return data.getEvents({ ...query, eventName: 'ClaimCreated' }).length
}

/**
 * Turns a claim's life into the API's claim row.
 *
 * @returns the row
 * @example
 * readClaimLives(data, { supplier }, 100).map(toClaimRow)
 */
export function toClaimRow({ created, proof, outcome }: ClaimLife): ClaimRow {
  const header = argRecord(created, 'header')
  const root = parseClaimRoot(argHex(created, 'root'))
  const status: ClaimStatusView =
    outcome?.eventName === 'ClaimSettled'
      ? 'settled'
      : outcome?.eventName === 'ClaimExpired'
        ? 'expired'
        : proof
          ? 'proven'
          : 'claimed'
  const isSettled = outcome?.eventName === 'ClaimSettled'
  return {
    claimKey: argHex(created, 'claimKey'),
    session: argBigint(created, 'session').toString(),
    sessionId: String(header.sessionId ?? '0x').toLowerCase(),
    serviceId: typeof header.serviceId === 'string' ? header.serviceId : '',
    application: argHex(created, 'application'),
    supplier: argHex(created, 'supplierOperator'),
    computeUnits: root.computeUnits.toString(),
    relays: root.relays.toString(),
    status,
    claimTokens: isSettled ? argBigint(outcome, 'claimTokens').toString() : null,
    burned: isSettled ? argBigint(outcome, 'burned').toString() : null,
  }
}

/**
 * The service id a claim was made for, from its `ClaimCreated` event.
 *
 * @returns the service id, or undefined when the claim was not indexed
 * @example
 * serviceOfClaim(data, claimKey) // 'llama-tiny'
 */
export function serviceOfClaim(data: ExplorerDataSource, claimKey: Hex): string | undefined {
  const [created] = data.getEvents({ claim: claimKey, eventName: 'ClaimCreated' }, { limit: 1 })
  if (!created) return undefined
  const header = argRecord(created, 'header')
  return typeof header.serviceId === 'string' ? header.serviceId : argString(created, 'serviceId')
}
