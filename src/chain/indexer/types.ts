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
export type EventDimension = 'session' | 'supplier' | 'service' | 'application' | 'gateway'

/** A query over stored events; every field given must match. */
export type EventFilter = {
  /** A session id (`bytes32`). */
  session?: Hex | undefined
  supplier?: Address | undefined
  service?: string | undefined
  application?: Address | undefined
  gateway?: Address | undefined
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
