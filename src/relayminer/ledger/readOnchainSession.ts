import { getParams } from '../../chain/actions/getParams.ts'
import { getSession } from '../../chain/actions/getSession.ts'
import { getSupplierSessionStatus } from '../../chain/actions/getSupplierSessionStatus.ts'
import { computeServiceKey } from '../../chain/ledger/computeServiceKey.ts'
import type { Ledger as ChainLedger } from '../../chain/ledger/createLedger.ts'
import { readLedger } from '../../chain/ledger/readLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { getNumPendingSessions } from '../../protocol/session/getNumPendingSessions.ts'
import { getSessionTimeline } from '../../protocol/session/getSessionTimeline.ts'
import type { SessionParams } from '../../protocol/session/SessionParams.ts'
import type { GetSessionParameters, OnchainSession } from '../ports.ts'

/**
 * Reads everything the relayminer needs about one (application, service, session) as seen by one
 * supplier: the header (session id from the recorded seed), the parameters in force for that session
 * (windows, prices, proof rules), the application's stake, the service's pricing and target, and the
 * supplier's membership. Reads go out together (one JSON-RPC batch).
 *
 * @param ledger - the chain ledger handle
 * @param query - application, service, session number, supplier
 * @returns the session
 * @example
 * const session = await readOnchainSession(ledger, { application, serviceId, sessionNumber: 5n, supplier })
 */
export async function readOnchainSession(
  ledger: ChainLedger,
  query: GetSessionParameters,
): Promise<OnchainSession> {
  const { application, serviceId, sessionNumber, supplier } = query
  const serviceKey = computeServiceKey(serviceId)
  const [session, { params }, appTerms, serviceTerms] = await Promise.all([
    getSession(ledger, { application, serviceId, session: sessionNumber }),
    getParams(ledger, { session: sessionNumber }),
    readLedger(ledger, 'applications', 'claimTerms', [application, sessionNumber]),
    readLedger(ledger, 'services', 'sessionTerms', [serviceKey, sessionNumber]),
  ])
  const status = await getSupplierSessionStatus(ledger, {
    header: session.header,
    supplierOperator: supplier,
    session: sessionNumber,
  })
  const sessionParams: SessionParams = {
    numBlocksPerSession: ledger.numBlocksPerSession,
    genesisHeight: ledger.genesisHeight,
    gracePeriodBlocks: BigInt(params.gracePeriodBlocks),
    claimWindowOpenOffset: BigInt(params.claimWindowOpenOffset),
    claimWindowCloseOffset: BigInt(params.claimWindowCloseOffset),
    proofWindowOpenOffset: BigInt(params.proofWindowOpenOffset),
    proofWindowCloseOffset: BigInt(params.proofWindowCloseOffset),
  }
  const [isActive, appServiceKey, stake] = appTerms
  const [pricing, target] = serviceTerms
  return {
    header: {
      ...session.header,
      application: application.toLowerCase() as Hex,
      sessionId: session.header.sessionId.toLowerCase() as Hex,
    },
    sessionNumber,
    timeline: getSessionTimeline(sessionParams, session.header.sessionStartHeight),
    isSupplierInSession: status.isInSession,
    application: isActive && appServiceKey === serviceKey ? { stake } : undefined,
    numSuppliers: status.numSuppliers,
    suppliersPerSession: BigInt(params.suppliersPerSession),
    numPendingSessions: getNumPendingSessions(sessionParams),
    pricing: {
      cuPerRequest: BigInt(pricing.cuPerRequest),
      cuPerInputToken: BigInt(pricing.cuPerInputToken),
      cuPerOutputToken: BigInt(pricing.cuPerOutputToken),
    },
    difficultyTarget: target,
    cuToToken: { numerator: params.cuToTokenNumerator, denominator: params.cuToTokenDenominator },
    proofRequirementThreshold: BigInt(params.proofRequirementThreshold),
    proofRequestProbability: {
      numerator: params.proofRequestProbabilityNumerator,
      denominator: params.proofRequestProbabilityDenominator,
    },
  }
}
