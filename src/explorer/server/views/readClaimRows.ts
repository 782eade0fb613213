import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ClaimRow, ClaimStatusView } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent, ExplorerEventQuery } from '../../ports.ts'
import { parseClaimRoot } from './claimRoot.ts'
import { argBigint, argHex, argRecord, argString } from './eventArgs.ts'
import { pageByBlock } from './pageByBlock.ts'

/** Which page of a claim list: at most `limit` claims, created below block `before` when given. */
export type ClaimPage = { limit: number; before?: bigint | undefined }

/** A claim with every event of its life: created, proven, settled or expired. */
export type ClaimLife = {
  created: ExplorerEvent
  proof: ExplorerEvent | undefined
  outcome: ExplorerEvent | undefined
}

/**
 * Finds a page of claims (newest first) and, for each, the rest of its life by claim key.
 *
 * @param data - the data source
 * @param query - which claims (by supplier, application, session, service…)
 * @param limit - at most this many claims (more only when one block holds more)
 * @param before - only claims created below this block (the cursor of the previous page)
 * @returns the claims' lives and the cursor of the next page
 * @example
 * readClaimLives(data, { supplier }, 100).lives
 */
export function readClaimLives(
  data: ExplorerDataSource,
  query: ExplorerEventQuery,
  limit: number,
  before?: bigint,
): { lives: ClaimLife[]; nextBefore: bigint | null } {
  const claims = { ...query, eventName: 'ClaimCreated' }
  const toBlock = before === undefined ? undefined : before - 1n
  const page = pageByBlock(
    toBlock !== undefined && toBlock < 0n
      ? []
      : data.getEvents({ ...claims, toBlock }, { order: 'desc', limit: limit + 1 }),
    limit,
    (event) => event.blockNumber,
    {
      wholeBlock: (block) =>
        data.getEvents({ ...claims, fromBlock: block, toBlock: block }, { order: 'desc' }),
      hasOlder: (block) =>
        block > 0n && data.getEvents({ ...claims, toBlock: block - 1n }, { limit: 1 }).length > 0,
    },
  )
  return { lives: page.rows.map((event) => readClaimLife(data, event)), nextBefore: page.nextBefore }
}

function readClaimLife(data: ExplorerDataSource, created: ExplorerEvent): ClaimLife {
  const life = data.getEvents({ claim: argHex(created, 'claimKey') })
  return {
    created,
    proof: life.find((e) => e.eventName === 'ProofAccepted'),
    outcome: life.find((e) => e.eventName === 'ClaimSettled' || e.eventName === 'ClaimExpired'),
  }
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
 * readClaimLives(data, { supplier }, 100).lives.map(toClaimRow)
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
