/**
 * Evaluation support: serves the evaluation's probes from one supplier configuration (a model file
 * loaded with given threads, parallel sequences and context size) and records the answers.
 */
import type { ChatCompletionRequest, GenerateModelReturnType } from '../../../inference/index.ts'
import { createEmbeddedBackend } from '../../../inference/index.ts'
import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ReferenceModel } from '../../ports.ts'
import { collectProbeRecords, type ProbeRecord } from '../collectProbeRecords.ts'
import { createBackendTransport } from '../createBackendTransport.ts'

/** How a supplier runs the model. `concurrency` requests are in flight at once (shared batches). */
export type ServingConfig = {
  name: string
  threads: number
  parallelSequences: number
  contextSize: number
  concurrency: number
}

const supplier: Hex = `0x${'51'.repeat(20)}`

/**
 * Loads `model` with `config`, sends every request and scores the answers under `reference`.
 *
 * @param parameters - model file, serving configuration, requests by prompt id, reference, service id.
 * @returns the records by prompt id.
 * @example
 * const records = await collectSupplierRecords({ model, config, requests, reference, serviceId })
 */
export async function collectSupplierRecords(parameters: {
  model: GenerateModelReturnType
  config: ServingConfig
  requests: ReadonlyMap<number, ChatCompletionRequest>
  reference: ReferenceModel
  serviceId: string
}): Promise<Map<number, ProbeRecord>> {
  const { model, config } = parameters
  const backend = await createEmbeddedBackend({
    modelPath: model.path,
    expectedSha256: model.sha256,
    threads: config.threads,
    parallelSequences: config.parallelSequences,
    contextSize: config.contextSize,
  })
  try {
    const ids = [...parameters.requests.keys()]
    const records = await collectProbeRecords({
      transport: createBackendTransport({ suppliers: new Map([[supplier, backend]]) }),
      target: { supplier, serviceId: parameters.serviceId },
      requests: ids.map((id) => parameters.requests.get(id)!),
      concurrency: config.concurrency,
      reference: parameters.reference,
    })
    return new Map(records.map((record) => [ids[record.index]!, record]))
  } finally {
    await backend.close()
  }
}
