/**
 * What the explorer server needs from the outside world, declared by the explorer (the consumer) so that
 * it depends on nothing but `src/protocol`. `src/cli/explorer/` implements it over the chain module's
 * event indexer and typed ledger reads; tests may implement it over fixtures.
 */
import type { Hex } from '../protocol/bytes/bytes.ts'
import type { SessionParams } from '../protocol/session/SessionParams.ts'

/** One decoded ledger event, as the chain indexer stores it. Integers are bigints. */
export type ExplorerEvent = {
  /** `${blockNumber}:${logIndex}`: unique and stable. */
  id: string
  blockNumber: bigint
  logIndex: number
  transactionHash: Hex
  /** The contract's Solidity name (`Claims`, `Settlement`, `DecaiToken`, …). */
  contract: string
  eventName: string
  args: Record<string, unknown>
}

/** A query over indexed events; every field given must match. */
export type ExplorerEventQuery = {
  /** A session number. */
  session?: bigint | undefined
  /** A session id (bytes32). */
  sessionId?: Hex | undefined
  /** A service id; events carrying only the service key match too. */
  service?: string | undefined
  supplier?: Hex | undefined
  application?: Hex | undefined
  gateway?: Hex | undefined
  /** A claim key: a claim's whole life. */
  claim?: Hex | undefined
  eventName?: string | readonly string[] | undefined
  contract?: string | undefined
  /** Inclusive block range. */
  fromBlock?: bigint | undefined
  toBlock?: bigint | undefined
}

/** Paging of an event query. */
export type ExplorerEventQueryOptions = { limit?: number | undefined; order?: 'asc' | 'desc' | undefined }

/** The deployment the explorer shows: fixed for the life of the server. */
export type ExplorerNetwork = {
  chainId: number
  /** The block of the first deployment transaction. */
  deployBlock: bigint
  /** Ledger contracts by role (`params`, `token`, `sessions`, …, `proofs`, `settlement`). */
  contracts: Readonly<Record<string, Hex>>
  /**
   * The session grid and windows (spec §3.1) in force when the explorer started. The grid never changes; the
   * windows are governed per session: a session's own come from `getSessionParams`.
   */
  sessionParams: SessionParams
  /** Decimals of the ledger token (6: 1 token = 10^6 base units). */
  tokenDecimals: number
}

/** A supplier serving a session, with the endpoint it serves it at. */
export type ExplorerSessionMember = { operator: Hex; endpoint: string }

/** The suppliers of one (application, service, session), as the ledger decides membership. */
export type ExplorerSessionMembers = {
  sessionId: Hex
  /** Suppliers staked for the service at the session start (the membership threshold's n). */
  numSuppliers: bigint
  members: ExplorerSessionMember[]
}

/** How the indexer's latest attempts to read the chain went. */
export type ExplorerSyncStatus = {
  /** When the indexer last read the chain successfully (ms since the epoch); null before its first read. */
  lastSyncedAtMs: number | null
  /** Since when every read has failed; null while reads succeed. */
  failingSinceMs: number | null
  /** The stable code of the latest failure (e.g. `CHAIN_RPC_UNAVAILABLE`), while failing. */
  errorCode: string | null
}

/** Everything the explorer reads from the chain. */
export type ExplorerDataSource = {
  network: ExplorerNetwork
  /** The chain's newest block. Throws when the node cannot be reached. */
  getHead(): Promise<{ blockNumber: bigint; timestampMs: number }>
  /** The grid and the windows in force during `session` (≥ 1): governance may change windows between sessions. */
  getSessionParams(session: bigint): Promise<SessionParams>
  /** A block's timestamp (ms since the epoch). */
  getBlockTimestampMs(blockNumber: bigint): Promise<number>
  /** The last block the indexer has stored, or undefined before its first sync. */
  getIndexedHeight(): bigint | undefined
  /** Whether the indexer still reaches the node: when it does not, nothing new will be indexed. */
  getSyncStatus(): ExplorerSyncStatus
  /** Indexed events matching `query`, oldest first unless `order: 'desc'`. Synchronous: a local store. */
  getEvents(query?: ExplorerEventQuery, options?: ExplorerEventQueryOptions): readonly ExplorerEvent[]
  /** Calls `listener` for each newly indexed event; returns the unsubscribe function. */
  subscribe(listener: (event: ExplorerEvent) => void): () => void
  /**
   * The members of a session among `candidates` (the ledger keeps no enumerable list; see
   * `getSessionSuppliers` in the chain module).
   */
  getSessionMembers(query: {
    application: Hex
    serviceId: string
    session: bigint
    candidates: readonly Hex[]
  }): Promise<ExplorerSessionMembers>
  /**
   * The packed weighted proof (spec §8.2) a `submitProof` transaction carried, or undefined when the
   * transaction did not call the `Proofs` contract directly (e.g. through a multicall).
   */
  getSubmittedProof(transactionHash: Hex): Promise<Hex | undefined>
}
