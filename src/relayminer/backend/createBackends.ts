import type { Logger } from 'pino'
import type { InferenceBackend } from '../../inference/backend.ts'
import { createEmbeddedBackend } from '../../inference/embedded/createEmbeddedBackend.ts'
import { createUpstreamBackend } from '../../inference/upstream/createUpstreamBackend.ts'
import type { RelayMinerConfig } from '../config/loadConfig.ts'

/**
 * Opens one backend per configured service: embedded models are verified against their registered
 * sha256 and loaded (slow, so they load one at a time); upstreams are only configured. If one fails,
 * the ones already open are closed before the error is rethrown.
 *
 * @param services - the config's services
 * @param logger - for load progress
 * @returns service id → backend
 * @example
 * const backends = await createBackends(config.services, logger)
 */
export async function createBackends(
  services: RelayMinerConfig['services'],
  logger: Logger,
): Promise<Map<string, InferenceBackend>> {
  const backends = new Map<string, InferenceBackend>()
  try {
    for (const { id, backend } of services) {
      if (backend.kind === 'embedded') {
        logger.info({ service: id, model: backend.modelPath }, 'verifying and loading the model')
        backends.set(
          id,
          await createEmbeddedBackend({
            modelPath: backend.modelPath,
            expectedSha256: backend.sha256,
            modelName: backend.modelName,
            parallelSequences: backend.parallelSequences,
            maxQueuedRequests: backend.maxQueuedRequests,
            contextSize: backend.contextSize,
            threads: backend.threads,
            defaultMaxTokens: backend.defaultMaxTokens,
          }),
        )
      } else {
        backends.set(
          id,
          createUpstreamBackend({
            baseUrl: backend.baseUrl,
            apiKey: backend.apiKey?.reveal(),
            headers: backend.headers,
            model: backend.model,
            timeoutMs: backend.timeoutMs,
          }),
        )
      }
    }
    return backends
  } catch (error) {
    await Promise.allSettled([...backends.values()].map((backend) => backend.close()))
    throw error
  }
}
