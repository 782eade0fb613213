import { bytesToHex, type Hex, hexToBytes } from '../../protocol/bytes/bytes.ts'
import { sha256 } from '../../protocol/bytes/sha256.ts'
import { computeSessionId } from '../../protocol/session/computeSessionId.ts'
import { getNumPendingSessions } from '../../protocol/session/getNumPendingSessions.ts'
import { getSessionTimeline } from '../../protocol/session/getSessionTimeline.ts'
import { isSupplierInSession } from '../../protocol/session/isSupplierInSession.ts'
import type { SessionParams } from '../../protocol/session/SessionParams.ts'
import type { ComputeUnitPricing, Rational } from '../../protocol/settlement/types.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type {
  ClaimKey,
  ClaimState,
  ClaimSubmission,
  GetSessionParameters,
  IsAuthorizedSignerParameters,
  Ledger,
  OnchainSession,
  ProofSubmission,
} from '../ports.ts'
import { checkMemoryProof } from './checkMemoryProof.ts'

/** A service of the memory ledger. */
export type MemoryService = {
  id: string
  pricing: ComputeUnitPricing
  difficultyTarget: bigint
  cuToToken: Rational
  /** Operator addresses staked for the service. */
  suppliers: Hex[]
}

/** An application of the memory ledger. */
export type MemoryApplication = { address: Hex; serviceId: string; stake: bigint; delegatedGateways: Hex[] }

export type CreateMemoryLedgerParameters = {
  domain: RelayDomain
  sessionParams: SessionParams
  suppliersPerSession?: bigint
  services: MemoryService[]
  applications: MemoryApplication[]
  proofRequirementThreshold?: bigint
  proofRequestProbability?: Rational
  startHeight?: bigint
}

/** A memory ledger with test controls. */
export type MemoryLedger = Ledger & {
  height: bigint
  /** Advances the chain by `blocks`. */
  mine(blocks?: number | bigint): void
  /** While true, every call throws as an unreachable RPC endpoint would. */
  isUnavailable: boolean
  readonly claims: Map<
    string,
    ClaimState & { root: Hex; supplier: Hex; sessionHeader: ClaimSubmission['sessionHeader'] }
  >
  /** Proofs accepted, in order, and the claim key each proved. */
  readonly proofs: { key: string; proof: Hex }[]
  readonly calls: string[]
}

/** The key of a claim in `MemoryLedger.claims`. */
export const memoryClaimKey = (supplier: Hex, sessionId: Hex) => `${supplier.toLowerCase()}/${sessionId}`

/**
 * An in-memory ledger that applies the protocol's rules (session ids, membership by `n ≤ k`, windows,
 * proof verification with both signatures, mining and compute units) for tests and benchmarks of the
 * relayminer. It is a stand-in for the contracts, not a model of gas or reverts.
 *
 * @param parameters - domain, session grid and windows, services, applications
 * @returns the ledger and its test controls
 * @example
 * const ledger = createMemoryLedger({ domain, sessionParams: sessionParamsPresets.devnet, services, applications })
 * ledger.mine(10)
 */
export function createMemoryLedger(parameters: CreateMemoryLedgerParameters): MemoryLedger {
  const params = parameters.sessionParams
  const proofSeedOf = (sessionNumber: bigint) =>
    bytesToHex(sha256(new TextEncoder().encode(`proof:${sessionNumber}`)))
  const state = {
    height: parameters.startHeight ?? params.genesisHeight,
    isUnavailable: false,
    claims: new Map() as MemoryLedger['claims'],
    proofs: [] as MemoryLedger['proofs'],
    calls: [] as string[],
  }
  const guard = (name: string) => {
    state.calls.push(name)
    if (state.isUnavailable) return Promise.reject(new Error('connect ECONNREFUSED (memory ledger offline)'))
    return Promise.resolve()
  }
  const session = (query: GetSessionParameters) => buildSession(parameters, state.height, query)
  const ledger: MemoryLedger = Object.assign(state, {
    mine(blocks: number | bigint = 1) {
      state.height += BigInt(blocks)
    },
    getLedgerInfo: () =>
      guard('getLedgerInfo').then(() => ({
        domain: parameters.domain,
        numBlocksPerSession: params.numBlocksPerSession,
        genesisHeight: params.genesisHeight,
      })),
    getBlockNumber: () => guard('getBlockNumber').then(() => state.height),
    getSession: (query: GetSessionParameters) => guard('getSession').then(() => session(query)),
    isAuthorizedSigner: (query: IsAuthorizedSignerParameters) =>
      guard('isAuthorizedSigner').then(() => isAuthorized(parameters, query)),
    getProofSeed: (sessionNumber: bigint) =>
      guard('getProofSeed').then(() => {
        const start = params.genesisHeight + (sessionNumber - 1n) * params.numBlocksPerSession
        const timeline = getSessionTimeline(params, start)
        return state.height > timeline.proofSeedHeight ? proofSeedOf(sessionNumber) : undefined
      }),
    getClaim: (key: ClaimKey) =>
      guard('getClaim').then(() => {
        const claim = state.claims.get(memoryClaimKey(key.supplier, key.sessionHeader.sessionId))
        if (!claim || claim.root !== key.root) return undefined
        return { isProven: claim.isProven, isSettled: claim.isSettled }
      }),
    submitClaims: (supplier: Hex, claims: readonly ClaimSubmission[]) =>
      guard('submitClaims').then(() => {
        for (const claim of claims) {
          if (!session(sessionQuery(params, claim.sessionHeader, supplier)).isSupplierInSession)
            throw new Error('supplier not in session')
          acceptClaim(ledger, params, supplier, claim)
        }
      }),
    submitProof: (supplier: Hex, proof: ProofSubmission) =>
      guard('submitProof').then(() => {
        const key = memoryClaimKey(supplier, proof.sessionHeader.sessionId)
        const claim = state.claims.get(key)
        if (!claim || claim.root !== proof.root) throw new Error('no such claim')
        const onchain = session(sessionQuery(params, proof.sessionHeader, supplier))
        const timeline = onchain.timeline
        if (state.height < timeline.proofWindowOpenHeight || state.height > timeline.proofWindowCloseHeight)
          throw new Error('outside the proof window')
        checkMemoryProof({
          onchain,
          supplier,
          domain: parameters.domain,
          claim,
          proof,
          proofSeed: proofSeedOf(onchain.sessionNumber),
          isAuthorizedSigner: (signer) =>
            isAuthorized(parameters, {
              application: onchain.header.application,
              signer,
              sessionNumber: onchain.sessionNumber,
            }),
        })
        claim.isProven = true
        state.proofs.push({ key, proof: proof.proof })
      }),
    settleClaims: (supplier: Hex, keys: readonly ClaimKey[]) =>
      guard('settleClaims').then(() => {
        for (const key of keys) {
          const claim = state.claims.get(memoryClaimKey(supplier, key.sessionHeader.sessionId))
          const timeline = getSessionTimeline(params, key.sessionHeader.sessionStartHeight)
          if (!claim || state.height < timeline.settlementHeight) throw new Error('not settleable')
          claim.isSettled = true
        }
      }),
    estimateClaimCostWei: (_supplier: Hex, count: number) =>
      guard('estimateClaimCostWei').then(() => 50_000n * BigInt(count) * 1_000_000_000n),
  })
  return ledger
}

function isAuthorized(
  parameters: CreateMemoryLedgerParameters,
  query: IsAuthorizedSignerParameters,
): boolean {
  const signer = query.signer.toLowerCase()
  if (signer === query.application.toLowerCase()) return true
  const app = parameters.applications.find(
    (entry) => entry.address.toLowerCase() === query.application.toLowerCase(),
  )
  return app?.delegatedGateways.some((gateway) => gateway.toLowerCase() === signer) ?? false
}

function sessionQuery(
  params: SessionParams,
  header: ClaimSubmission['sessionHeader'],
  supplier: Hex,
): GetSessionParameters {
  const sessionNumber = 1n + (header.sessionStartHeight - params.genesisHeight) / params.numBlocksPerSession
  return { application: header.application, serviceId: header.serviceId, sessionNumber, supplier }
}

function acceptClaim(
  ledger: MemoryLedger,
  params: SessionParams,
  supplier: Hex,
  claim: ClaimSubmission,
): void {
  const timeline = getSessionTimeline(params, claim.sessionHeader.sessionStartHeight)
  if (ledger.height < timeline.claimWindowOpenHeight || ledger.height > timeline.claimWindowCloseHeight)
    throw new Error('outside the claim window')
  const key = memoryClaimKey(supplier, claim.sessionHeader.sessionId)
  if (ledger.claims.has(key)) throw new Error('already claimed')
  if (hexToBytes(claim.root).length !== 48) throw new Error('root must be 48 bytes')
  ledger.claims.set(key, {
    supplier: supplier.toLowerCase() as Hex,
    sessionHeader: claim.sessionHeader,
    root: claim.root,
    isProven: false,
    isSettled: false,
  })
}

function buildSession(
  parameters: CreateMemoryLedgerParameters,
  height: bigint,
  query: GetSessionParameters,
): OnchainSession {
  const params = parameters.sessionParams
  const start = params.genesisHeight + (query.sessionNumber - 1n) * params.numBlocksPerSession
  if (query.sessionNumber < 1n || start > height) throw new Error('session not started')
  const service = parameters.services.find((entry) => entry.id === query.serviceId)
  if (!service) throw new Error(`unknown service ${query.serviceId}`)
  const app = parameters.applications.find(
    (entry) =>
      entry.address.toLowerCase() === query.application.toLowerCase() && entry.serviceId === query.serviceId,
  )
  const seed = sha256(new TextEncoder().encode(`session:${query.sessionNumber}`))
  const sessionId = computeSessionId({
    seed,
    serviceId: query.serviceId,
    application: query.application,
    sessionStartHeight: start,
  })
  const timeline = getSessionTimeline(params, start)
  const isStaked = service.suppliers.some((entry) => entry.toLowerCase() === query.supplier.toLowerCase())
  const suppliersPerSession = parameters.suppliersPerSession ?? 12n
  const isMember =
    isStaked &&
    isSupplierInSession({
      sessionId,
      supplierOperator: query.supplier,
      numSuppliers: service.suppliers.length,
      suppliersPerSession,
    })
  return {
    isSupplierInSession: isMember,
    header: {
      application: query.application.toLowerCase() as Hex,
      serviceId: query.serviceId,
      sessionId,
      sessionStartHeight: start,
      sessionEndHeight: timeline.endHeight,
    },
    sessionNumber: query.sessionNumber,
    timeline,
    application: app && { stake: app.stake },
    numSuppliers: BigInt(service.suppliers.length),
    suppliersPerSession,
    numPendingSessions: getNumPendingSessions(params),
    pricing: service.pricing,
    difficultyTarget: service.difficultyTarget,
    cuToToken: service.cuToToken,
    proofRequirementThreshold: parameters.proofRequirementThreshold ?? 10_000_000n,
    proofRequestProbability: parameters.proofRequestProbability ?? { numerator: 1n, denominator: 4n },
  }
}
