/**
 * Evaluation support: sends a fixed list of probe requests to one supplier (several at once, so that a
 * backend with parallel sequences decodes them in shared batches) and scores every answer under the
 * reference once. Tolerances are calibrated afterwards, on these records.
 */
import type { ChatCompletionRequest, ScoreTokensReturnType } from '../../inference/index.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport, ReferenceModel } from '../ports.ts'
import { createConcurrencyLimit } from '../probe/createConcurrencyLimit.ts'

/** One probe as sent and answered, with the reference's score of the answer. */
export type ProbeRecord = {
  /** Index of the request in the list given to `collectProbeRecords`. */
  index: number
  request: ChatCompletionRequest
  exchange: ProbeExchange
  /** Undefined when the probe failed or came back empty. */
  score: ScoreTokensReturnType | undefined
}

/**
 * Sends `requests` to `target`, `concurrency` at a time, then scores each answer under `reference`.
 *
 * @param parameters - transport, target, requests, concurrency, reference (wrap it with `createMemoReference`).
 * @returns the records, in request order.
 * @example
 * const records = await collectProbeRecords({ transport, target, requests, concurrency: 4, reference })
 */
export async function collectProbeRecords(parameters: {
  transport: ProbeTransport
  target: ProbeTarget
  requests: readonly ChatCompletionRequest[]
  concurrency: number
  reference: ReferenceModel
  timeoutMs?: number
}): Promise<ProbeRecord[]> {
  const limit = createConcurrencyLimit(parameters.concurrency)
  const exchanges = await Promise.all(
    parameters.requests.map((request) =>
      limit.run(() =>
        parameters.transport.send(parameters.target, request, {
          signal: AbortSignal.timeout(parameters.timeoutMs ?? 600_000),
        }),
      ),
    ),
  )
  const records: ProbeRecord[] = []
  for (const [index, exchange] of exchanges.entries()) {
    const request = parameters.requests[index]!
    const score =
      exchange.isOk && exchange.content !== ''
        ? await parameters.reference.scoreChatAnswer({
            messages: request.messages,
            content: exchange.content,
            topLogprobs: 20,
          })
        : undefined
    records.push({ index, request, exchange, score })
  }
  return records
}

/**
 * A reference whose scores are cached by (messages, content), computed with at least 20 alternatives
 * per position (more never changes a check): honest suppliers mostly
 * return the same text, and the evaluation judges every record several times.
 *
 * @param reference - the reference model.
 * @returns the same model with a score cache.
 * @example
 * const reference = createMemoReference(await createEmbeddedBackend({ modelPath, expectedSha256 }))
 */
export function createMemoReference(reference: ReferenceModel): ReferenceModel {
  const cache = new Map<string, Promise<ScoreTokensReturnType>>()
  return {
    sha256: reference.sha256,
    tokenize: (text, options) => reference.tokenize(text, options),
    renderChatPrompt: (messages) => reference.renderChatPrompt(messages),
    scoreChatAnswer(input) {
      // At least 20 alternatives, so that every caller's request is served from one cached score.
      const topLogprobs = Math.max(20, input.topLogprobs ?? 0)
      const key = JSON.stringify([input.messages, input.content, topLogprobs])
      let score = cache.get(key)
      if (!score) {
        score = reference.scoreChatAnswer({ ...input, topLogprobs })
        cache.set(key, score)
      }
      return score
    },
  }
}
