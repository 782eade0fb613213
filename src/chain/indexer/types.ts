import type { Address, Hex } from 'viem'

/** One decoded decai contract event, as the indexer stores and serves it. */
export type DecaiEvent = {
  /** `${blockNumber}:${logIndex}`, unique on a chain and stable across restarts. */
  id: string
  blockNumber: bigint
  blockHash: Hex
  logIndex: number
  transactionHash: Hex
  transactionIndex: number
  /** The contract's name in the deployment manifest (e.g. `Sessions`). */
  contract: string
  address: Address
  eventName: string
  /** Decoded arguments by name; integers are `bigint`. */
  args: Record<string, unknown>
}

/** The dimensions events are indexed by, derived from their argument names (see `computeEventIndexKeys`). */
export type EventDimension =
  | 'session'
  | 'sessionId'
  | 'service'
  | 'supplier'
  | 'application'
  | 'gateway'
  | 'claim'

/** A query over stored events; every field given must match. */
export type EventFilter = {
  /** A session number (the ledger's events carry `session`). */
  session?: bigint | undefined
  /** A session id (`bytes32`, spec §3.3), e.g. from a claim's session header. */
  sessionId?: Hex | undefined
  /** A service id (`llama-tiny`); events that carry only the service key match too. */
  service?: string | undefined
  /** A supplier's operator address. */
  supplier?: Address | undefined
  application?: Address | undefined
  gateway?: Address | undefined
  /** A claim key (`Claims.claimKey`): a claim's whole life (created, proven, settled or expired). */
  claim?: Hex | undefined
  /** One event name or any of several (the event's type). */
  eventName?: string | readonly string[] | undefined
  contract?: string | undefined
  /** Inclusive block range. */
  fromBlock?: bigint | undefined
  toBlock?: bigint | undefined
}

/** Where the indexer has got to: everything up to and including this block is stored. */
export type IndexerCheckpoint = { blockNumber: bigint; blockHash: Hex | undefined }

/** A contract the indexer follows. */
export type IndexedContract = { name: string; address: Address; abi: readonly unknown[] }
