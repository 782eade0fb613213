/**
 * The explorer's JSON API: what `/api/*` answers, shared by the server (which builds these views) and the
 * browser app (which renders them). Integers that may exceed 2^53 (heights, amounts, targets) travel as
 * decimal strings; amounts are token base units (10^-6 token).
 */

/** A decimal integer string. */
export type IntString = string
/** A lower-case 0x hex string. */
export type HexString = string

/** The state of an upstream HTTP API (gateway metrics, watcher reports). */
export type UpstreamStatus =
  | { state: 'not-configured' }
  | { state: 'ok'; url: string; fetchedAtMs: number }
  /** `fetchedAtMs`: the last successful fetch, whose data the pages still show (flagged), or null. */
  | { state: 'unreachable'; url: string; error: string; fetchedAtMs: number | null }

/**
 * Whether the explorer's indexer reaches the chain node. While it does not, indexed figures stay as they
 * were at `lastSyncedAtMs` and nothing new arrives; `errorCode` is the chain error's code (the message is
 * not passed on: it names the RPC URL, which may carry a key).
 */
export type ChainStatus =
  | { state: 'reachable'; lastSyncedAtMs: number | null }
  | { state: 'unreachable'; sinceMs: number; lastSyncedAtMs: number | null; errorCode: string }

/** `/api/health`: 200 while the chain is reachable, 503 (with the `ApiError` fields too) while it is not. */
export type HealthView = {
  status: 'ok' | 'chain-unreachable'
  indexedHeight: IntString | null
  chain: ChainStatus
}

/** One line of the recent-activity feed. */
export type EventRow = {
  id: string
  blockNumber: IntString
  transactionHash: HexString
  contract: string
  eventName: string
  /** One human-readable sentence. */
  summary: string
  /** An explorer route this event is about (e.g. `#/sessions/12`), if any. */
  href: string | null
}

export type TokenTotals = {
  burned: IntString
  minted: IntString
  inflationMinted: IntString
  slashed: IntString
  settledClaims: number
  expiredClaims: number
}

export type OverviewView = {
  network: {
    chainId: number
    contracts: Record<string, HexString>
    genesisHeight: IntString
    numBlocksPerSession: IntString
    tokenDecimals: number
  }
  /** The chain's newest block; null when the node could not be read (the indexed figures are still given). */
  head: { height: IntString; timestampMs: number } | null
  /** The last block the explorer has indexed: every figure below is as of this block. */
  indexedHeight: IntString | null
  chain: ChainStatus
  /** The session of the head block; null with the head. */
  session: { number: IntString; startHeight: IntString; endHeight: IntString; blocksLeft: IntString } | null
  relays: {
    /** From the gateway's metrics: successful relay attempts per second, over the last scrape interval. */
    gatewayPerSecond: number | null
    /** From the chain: the estimated volume (mined × difficulty multiplier) of the latest settled session. */
    lastSettled: { session: IntString; estimatedRelays: IntString; perSecond: number | null } | null
  }
  tokens: TokenTotals
  counts: {
    services: number
    suppliers: number
    applications: number
    gateways: number
    claims: number
    proofs: number
  }
  gateway: UpstreamStatus
  recent: EventRow[]
}

export type PricingView = {
  cuPerRequest: IntString
  cuPerInputToken: IntString
  cuPerOutputToken: IntString
  championBps: number
  fromSession: IntString
}

export type DifficultyPoint = {
  /** The session whose settlement fed the control law. */
  settledSession: IntString
  /** The session the new target applies from. */
  fromSession: IntString
  estimatedRelays: IntString
  ema: IntString
  target: HexString
  /** target / (2^256 − 1): the chance a relay is mined. */
  relayProbability: number
}

export type ServiceSummary = {
  serviceId: string
  serviceKey: HexString
  champion: HexString
  modelSha256: HexString
  modelUris: string[]
  pricing: PricingView | null
  difficulty: DifficultyPoint | null
  suppliers: number
  applications: number
  settledClaims: number
  championEarnings: IntString
}

export type EarningPoint = {
  blockNumber: IntString
  session: IntString
  amount: IntString
  cumulative: IntString
}

export type ServiceDetail = ServiceSummary & {
  pricingHistory: PricingView[]
  difficultyHistory: DifficultyPoint[]
  earnings: EarningPoint[]
  supplierList: { operator: HexString; endpoint: string; fromSession: IntString }[]
}

/**
 * A supplier's QoS score on the gateway. `isStale`: the gateway's last scrape failed, so the score is the
 * one of `UpstreamStatus.fetchedAtMs` and may have changed since.
 */
export type QosView = { score: number; isQuarantined: boolean; isStale: boolean }

/** A watcher's decision about a supplier (docs/explorer.md, "Watcher reports"). */
export type WatcherReportView = {
  supplier: HexString
  serviceId: string | null
  verdict: string
  check: string | null
  decidedAtMs: number | null
  watcher: HexString | null
  isSigned: boolean
  /** Whether the signature checked out (the watcher's own verifier, given by the CLI); null when not checked. */
  isVerified: boolean | null
  summary: string | null
  /** Why a supplier failed (the e-value and its threshold, or the metering evidence). */
  reason: string | null
  /** The hash the watcher signed (and commits on chain); null when the entry carries none. */
  reportHash: HexString | null
  /** Whether that hash is committed to the `WatcherReports` contract, read from the indexed chain events. */
  commitment: ReportCommitmentView
}

/**
 * A report hash's on-chain record (`WatcherReports.WatcherReportCommitted`, the first one when it was
 * committed more than once). `not-found`: no such event up to the indexed height (watchers commit only
 * verdict changes). `unknown`: the report carries no hash or the deployment has no `WatcherReports`.
 */
export type ReportCommitmentView =
  | {
      status: 'committed'
      blockNumber: IntString
      transactionHash: HexString
      /** Who committed it: the watcher itself when it commits its own reports. */
      committer: HexString
      session: IntString
    }
  | { status: 'not-found'; indexedHeight: IntString | null }
  | { status: 'unknown'; reason: 'no report hash' | 'no WatcherReports contract' }

export type SupplierSummary = {
  operator: HexString
  owner: HexString
  stake: IntString
  status: 'staked' | 'unbonding' | 'withdrawn'
  services: { serviceId: string; endpoint: string }[]
  sessions: number
  claims: number
  proofs: number
  settlements: number
  expired: number
  slashes: number
  slashed: IntString
  earned: IntString
  qos: QosView | null
  verdict: WatcherReportView | null
}

export type ClaimStatusView = 'claimed' | 'proven' | 'settled' | 'expired'

export type ClaimRow = {
  claimKey: HexString
  session: IntString
  sessionId: HexString
  serviceId: string
  application: HexString
  supplier: HexString
  computeUnits: IntString
  relays: IntString
  status: ClaimStatusView
  /** Tokens the claim was worth at settlement (before the cap). */
  claimTokens: IntString | null
  burned: IntString | null
}

export type StakePoint = { blockNumber: IntString; stake: IntString; reason: string }

export type SupplierDetail = SupplierSummary & {
  revenueShares: { recipient: HexString; bps: number }[]
  /** The latest 100 claims, newest first. */
  claimList: ClaimRow[]
  /** All its claims: more than `claimList.length` when the list is capped. */
  claimTotal: number
  /** The `before` that lists the claims older than `claimList`, or null when it reaches the first. */
  nextBefore: IntString | null
  stakeHistory: StakePoint[]
  reports: WatcherReportView[]
}

export type ApplicationSummary = {
  application: HexString
  serviceId: string
  stake: IntString
  burned: IntString
  gateways: HexString[]
  status: 'staked' | 'unbonding' | 'withdrawn'
}

export type ApplicationDetail = ApplicationSummary & {
  /** Stake over time: each stake change (top-up, burn, withdrawal) with the cumulative burn. */
  series: { blockNumber: IntString; session: IntString; stake: IntString; burnedCumulative: IntString }[]
  /** The latest 100 claims against it, newest first. */
  claimList: ClaimRow[]
  /** All claims against it: more than `claimList.length` when the list is capped. */
  claimTotal: number
  /** The `before` that lists the claims older than `claimList`, or null when it reaches the first. */
  nextBefore: IntString | null
}

export type LeafView = {
  relayHash: HexString
  path: HexString
  weight: IntString
  depth: number
  request: {
    application: HexString
    serviceId: string
    supplier: HexString
    payloadHash: HexString
    maxInputTokens: number
    maxOutputTokens: number
    nonce: IntString
    signer: HexString | null
  }
  response: {
    requestHash: HexString
    payloadHash: HexString
    inputTokens: number
    outputTokens: number
    status: number
    signer: HexString | null
  }
}

export type SessionClaimView = ClaimRow & {
  root: HexString
  proof: {
    relayHash: HexString
    computeUnits: IntString
    transactionHash: HexString
    leaf: LeafView | null
    leafError: string | null
  } | null
}

export type SessionPairView = {
  application: HexString
  serviceId: string
  sessionId: HexString | null
  numSuppliers: IntString | null
  members: { operator: HexString; endpoint: string }[] | null
  error: string | null
}

export type SessionView = {
  number: IntString
  phase: 'future' | 'active' | 'grace' | 'claiming' | 'proving' | 'settleable'
  timeline: {
    startHeight: IntString
    endHeight: IntString
    claimWindowOpenHeight: IntString
    claimWindowCloseHeight: IntString
    proofWindowOpenHeight: IntString
    proofWindowCloseHeight: IntString
    settlementHeight: IntString
  }
  seed: HexString | null
  proofSeed: HexString | null
  pairs: SessionPairView[]
  /** The latest 200 claims of the session, newest first, each with its proof leaf. */
  claims: SessionClaimView[]
  /** All claims of the session: more than `claims.length` when the list is capped. */
  claimTotal: number
  /** The `before` (a block) that lists the claims older than `claims`, or null when it reaches the first. */
  nextBefore: IntString | null
}

export type SessionListView = {
  current: IntString
  sessions: { number: IntString; claims: number; settled: number; expired: number; computeUnits: IntString }[]
  /** The `before` (a session) that lists older sessions, or null when the list reaches session 1. */
  nextBefore: IntString | null
}

export type FlowRow = {
  claimKey: HexString
  blockNumber: IntString
  transactionHash: HexString
  session: IntString
  serviceId: string | null
  supplier: HexString
  application: HexString
  outcome: 'settled' | 'expired'
  claimTokens: IntString
  burned: IntString
  minted: IntString
  inflationMinted: IntString
  toSupplier: IntString
  toChampion: IntString
  toDao: IntString
  slashed: IntString
  isProofRequired: boolean
}

export type FlowsView = {
  /** A page of settlements, newest first. */
  settlements: FlowRow[]
  /** The `before` (a block) that lists older settlements, or null when the list reaches the first. */
  nextBefore: IntString | null
  totals: TokenTotals
}

export type WatcherView = { upstream: UpstreamStatus; reports: WatcherReportView[] }

/** Where the upstream columns (QoS scores, verdicts) come from, and whether they could be fetched. */
export type UpstreamsView = { gateway: UpstreamStatus; watcher: UpstreamStatus }

/** A Server-Sent Event on `/api/stream`. */
export type StreamMessage =
  | { type: 'head'; indexedHeight: IntString | null }
  /** Sent to each new connection, then whenever the chain becomes unreachable or reachable again. */
  | { type: 'chain'; indexedHeight: IntString | null; chain: ChainStatus }
  | {
      type: 'events'
      indexedHeight: IntString | null
      eventNames: string[]
      fromBlock: IntString
      toBlock: IntString
    }

/** The body of every error answer. */
export type ApiError = { error: { code: string; message: string } }
