import type { Logger } from 'pino'
import { getService } from '../../chain/actions/getService.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import {
  createEmbeddedBackend,
  type EmbeddedBackend,
  hashModelFile,
  ModelHashMismatchError,
} from '../../inference/index.ts'
import type { WatcherServiceConfig } from '../../watcher/config/loadWatcherConfig.ts'
import { ReferenceMismatchError } from '../../watcher/index.ts'

/**
 * Loads each audited service's reference model: the champion's registered artifact, whose sha256 must
 * be the one the service names on-chain.
 *
 * @param ledger - the ledger the services are registered on.
 * @param services - the services to audit, with their reference files.
 * @param logger - logs each model loaded.
 * @returns the loaded models by service id (close them when done).
 * @throws {ReferenceMismatchError} when a file is not the registered artifact.
 * @example
 * const references = await loadReferenceModels(ledger, config.services, logger)
 */
export function loadReferenceModels(
  ledger: Ledger,
  services: readonly WatcherServiceConfig[],
  logger: Logger,
): Promise<Map<string, EmbeddedBackend>> {
  return loadVerifiedReferences({
    services,
    registeredSha256Of: async (serviceId) => (await getService(ledger, { serviceId })).modelSha256,
    logger,
  })
}

/**
 * Loads reference models, each checked against the sha256 its service registered; on a mismatch, the
 * models already loaded are closed and the file's actual hash is reported.
 *
 * @param parameters - the services, where their registered hashes come from, a logger.
 * @returns the loaded models by service id.
 * @throws {ReferenceMismatchError} when a file is not the registered artifact.
 * @example
 * await loadVerifiedReferences({ services, registeredSha256Of: async () => sha256, logger })
 */
export async function loadVerifiedReferences(parameters: {
  services: readonly WatcherServiceConfig[]
  registeredSha256Of: (serviceId: string) => Promise<string>
  logger: Logger
}): Promise<Map<string, EmbeddedBackend>> {
  const references = new Map<string, EmbeddedBackend>()
  try {
    for (const service of parameters.services) {
      const registered = await parameters.registeredSha256Of(service.serviceId)
      references.set(service.serviceId, await loadOne(service, registered, parameters.logger))
    }
  } catch (error) {
    await Promise.all([...references.values()].map((reference) => reference.close()))
    throw error
  }
  return references
}

async function loadOne(service: WatcherServiceConfig, modelSha256: string, logger: Logger) {
  try {
    const reference = await createEmbeddedBackend({
      modelPath: service.referenceModelPath,
      expectedSha256: modelSha256,
      threads: service.threads,
      parallelSequences: 1,
    })
    logger.info(
      { serviceId: service.serviceId, sha256: reference.sha256 },
      'reference model verified and loaded',
    )
    return reference
  } catch (error) {
    if (!(error instanceof ModelHashMismatchError)) throw error
    const actual = await hashModelFile(service.referenceModelPath)
    throw new ReferenceMismatchError({ serviceId: service.serviceId, expected: modelSha256, actual })
  }
}
