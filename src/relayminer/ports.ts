/**
 * What the relayminer needs from the outside, declared by the consumer (STYLE §1): the ledger it reads
 * and writes, and the inference backends it forwards to. `ledger/createChainLedger.ts` implements
 * `Ledger` over the contracts with `src/chain`; `testing/createMemoryLedger.ts` implements it in memory
 * with the protocol's rules, for tests and benchmarks.
 */
import type { Hex } from '../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../protocol/relay/types.ts'
import type { SessionTimeline } from '../protocol/session/getSessionTimeline.ts'
import type { ComputeUnitPricing, Rational } from '../protocol/settlement/types.ts'
import type { RelayDomain } from '../protocol/signature/typedData.ts'

export type { InferenceBackend } from '../inference/backend.ts'

/** Fixed facts about the ledger, read once at boot. */
export type LedgerInfo = {
  /** The EIP-712 domain relays are signed under (spec §4). */
  domain: RelayDomain
  /** `N` of spec §3.1. */
  numBlocksPerSession: bigint
  /** `A` of spec §3.1: session 1 starts here. */
  genesisHeight: bigint
}

/** The application as the ledger saw it at the session start. */
export type SessionApplication = {
  /** Staked amount in token base units. */
  stake: bigint
}

/** Everything needed to validate, meter and claim relays of one (application, service, session). */
export type OnchainSession = {
  /** The header the chain computes (session id from the recorded seed, start and end heights). */
  header: SessionHeader
  sessionNumber: bigint
  /** Heights of the session's life with the parameters in force for it. */
  timeline: SessionTimeline
  /**
   * Whether the supplier asked about is staked for the service at the session start and drawn into the
   * session (spec §3.4).
   */
  isSupplierInSession: boolean
  /** `undefined` when the application is not staked for the service at the session start. */
  application: SessionApplication | undefined
  /** Suppliers staked for the service at the session start (`n` of spec §3.4). */
  numSuppliers: bigint
  /** `k` of spec §3.4. */
  suppliersPerSession: bigint
  numPendingSessions: bigint
  pricing: ComputeUnitPricing
  /** The service's relay-mining target at the session start. */
  difficultyTarget: bigint
  cuToToken: Rational
  proofRequirementThreshold: bigint
  proofRequestProbability: Rational
}

/** Which session to look up, as seen by one supplier (the request names the session by its start height). */
export type GetSessionParameters = {
  application: Hex
  serviceId: string
  sessionNumber: bigint
  supplier: Hex
}

/** Whether `signer` may sign relays of `application` in a session: itself, or a gateway it delegated to. */
export type IsAuthorizedSignerParameters = { application: Hex; signer: Hex; sessionNumber: bigint }

/**
 * A claim as the ledger holds it. A ledger that clears claims once settled (decai's contracts do) reports
 * a settled claim as absent; the lifecycle only asks after its own claim, so absent then means settled.
 */
export type ClaimState = {
  isProven: boolean
  isSettled: boolean
}

/** One claim in full: the ledger stores only its hash, so reads re-supply the root. */
export type ClaimKey = { supplier: Hex; sessionHeader: SessionHeader; root: Hex }

/** One claim to submit. */
export type ClaimSubmission = { sessionHeader: SessionHeader; root: Hex }

/** One proof to submit: the claim it proves and the packed weighted proof (spec §7.6, protocol §8). */
export type ProofSubmission = { sessionHeader: SessionHeader; root: Hex; proof: Hex }

/** Reads of the ledger. Each may throw on an RPC failure; callers retry within their window. */
export interface LedgerReader {
  getLedgerInfo(): Promise<LedgerInfo>
  getBlockNumber(): Promise<bigint>
  getSession(parameters: GetSessionParameters): Promise<OnchainSession>
  /** Delegation as it stood at the session start. */
  isAuthorizedSigner(parameters: IsAuthorizedSignerParameters): Promise<boolean>
  /** The proof seed of a session (spec §7.5), or `undefined` while its seed block is not yet mined. */
  getProofSeed(sessionNumber: bigint): Promise<Hex | undefined>
  /** The claim's state if a claim with exactly this root is on chain. */
  getClaim(key: ClaimKey): Promise<ClaimState | undefined>
}

/** Writes to the ledger; each resolves once the transaction is mined, and throws if it reverted. */
export interface LedgerWriter {
  /** Submits claims of one supplier in one transaction (batched). */
  submitClaims(supplier: Hex, claims: readonly ClaimSubmission[]): Promise<void>
  submitProof(supplier: Hex, proof: ProofSubmission): Promise<void>
  /** Settles claims whose proof window has closed (anyone may call it). */
  settleClaims(supplier: Hex, claims: readonly ClaimKey[]): Promise<void>
  /** Expected cost in wei of a claim transaction holding `count` claims, at the current gas price. */
  estimateClaimCostWei(supplier: Hex, count: number): Promise<bigint>
}

/** The whole ledger as the relayminer uses it. */
export type Ledger = LedgerReader & LedgerWriter
