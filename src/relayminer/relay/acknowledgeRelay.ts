import type { Logger } from 'pino'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { PersistFailedError, SessionExpiredError } from '../errors.ts'
import type { RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { SessionTrees } from '../session/createSessionTrees.ts'
import type { RelayJob } from './createRelayService.ts'
import type { FinalizedRelay } from './finalizeRelay.ts'
import type { RelayVerifierContext } from './verifyRelayRequest.ts'

/** What acknowledging needs from the service. */
export type AcknowledgeContext = {
  trees: SessionTrees
  metrics: RelayMinerMetrics
  verifier: RelayVerifierContext
  /** The service's logger: its level decides whether a relay's per-relay debug line is built at all. */
  logger: Logger
}

/**
 * Makes a mined relay durable, then records the served relay. Called before the signed response is
 * sent: if the append fails, the client gets an error instead of a signature, so no acknowledged mined
 * relay can be missing from the claim. A tree that is already sealed (its claim is being made) means the
 * relay can no longer be claimed: it is refused as expired rather than served for free.
 *
 * @param context - trees, metrics, verifier (for the current height)
 * @param job - the relay being served
 * @param relay - the signed relay
 * @param stream - metric label
 * @throws {SessionExpiredError} the session's tree is sealed
 * @throws {PersistFailedError} the store could not make the relay durable
 * @example
 * await acknowledgeRelay(context, job, relay, 'false')
 * return { payload, response: relay.response, responseSignature: relay.responseSignature }
 */
export async function acknowledgeRelay(
  context: AcknowledgeContext,
  job: RelayJob,
  relay: FinalizedRelay,
  stream: 'true' | 'false',
): Promise<void> {
  const { metrics } = context
  const { tally } = job.instruments
  if (relay.isMined) {
    const startedAt = performance.now()
    try {
      await context.trees.append(job.treeKey, {
        key: relay.relayHash,
        value: relay.relayBytes,
        weight: relay.computeUnits,
      })
    } catch (error) {
      throw toPersistError(context, job, error)
    }
    metrics.persistLatency.observe((performance.now() - startedAt) / 1000)
    tally.mined++
  }
  if (stream === 'true') tally.servedStream++
  else tally.servedJson++
  tally.inputTokens += relay.response.inputTokens
  tally.outputTokens += relay.response.outputTokens
  tally.computeUnits += Number(relay.computeUnits)
  if (relay.isUsageClamped) tally.usageClamped++
  if (context.logger.isLevelEnabled('debug'))
    job.logger.debug({ isMined: relay.isMined, computeUnits: relay.computeUnits.toString() }, 'relay served')
}

function toPersistError(context: AcknowledgeContext, job: RelayJob, error: unknown): BaseError {
  const { timeline } = job.verified.session
  if (error instanceof BaseError && error.code === 'STORE_TREE_SEALED') {
    const height = context.verifier.currentHeight() ?? timeline.claimWindowOpenHeight
    return new SessionExpiredError({ lastHeight: timeline.graceEndHeight, height })
  }
  job.logger.error({ err: error }, 'cannot persist a mined relay; check disk space and the store directory')
  return new PersistFailedError({ cause: error })
}
