/**
 * Test and evaluation support: a `ProbeTransport` that serves probes straight from in-process backends
 * (one per supplier), measuring timings as a client would. Only tests and the evaluation import it.
 */
import type { ChatCompletionRequest, InferenceBackend, TokenLogprob, Usage } from '../../inference/index.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { ProbeExchange, ProbeTransport } from '../ports.ts'

/**
 * A transport over in-process backends, keyed by supplier address.
 *
 * @param parameters - the backends and the clock.
 * @returns the transport; an unknown supplier answers as a failure with fault `supplier`.
 * @example
 * const transport = createBackendTransport({ suppliers: new Map([[supplier, backend]]) })
 */
export function createBackendTransport(parameters: {
  suppliers: ReadonlyMap<Hex, InferenceBackend>
  nowMs?: () => number
}): ProbeTransport {
  const nowMs = parameters.nowMs ?? (() => performance.now())
  return {
    async send(target, request, { signal }) {
      const sentAtMs = nowMs()
      const backend = parameters.suppliers.get(target.supplier)
      try {
        if (!backend) throw new Error('unknown supplier')
        if (request.stream) return await readStream(backend, request, signal, sentAtMs, nowMs)
        const answer = await backend.chatCompletion(request, { signal })
        const choice = answer.choices[0]!
        return {
          isOk: true,
          content: choice.message.content,
          finishReason: choice.finish_reason,
          usage: answer.usage,
          logprobs: choice.logprobs?.content,
          timing: { sentAtMs, firstContentAtMs: undefined, doneAtMs: nowMs() },
        }
      } catch (error) {
        return failure(error, sentAtMs, nowMs())
      }
    },
  }
}

async function readStream(
  backend: InferenceBackend,
  request: ChatCompletionRequest,
  signal: AbortSignal,
  sentAtMs: number,
  nowMs: () => number,
): Promise<ProbeExchange> {
  let content = ''
  let firstContentAtMs: number | undefined
  let finishReason: 'stop' | 'length' | null = null
  let usage: Usage | undefined
  const logprobs: TokenLogprob[] = []
  for await (const chunk of backend.streamChatCompletion(request, { signal })) {
    const choice = chunk.choices[0]
    if (chunk.usage) usage = chunk.usage
    if (!choice) continue
    if (choice.delta.content) {
      firstContentAtMs ??= nowMs()
      content += choice.delta.content
    }
    if (choice.logprobs) logprobs.push(...choice.logprobs.content)
    if (choice.finish_reason) finishReason = choice.finish_reason
  }
  return {
    isOk: true,
    content,
    finishReason,
    usage,
    logprobs: request.logprobs ? logprobs : undefined,
    timing: { sentAtMs, firstContentAtMs, doneAtMs: nowMs() },
  }
}

function failure(error: unknown, sentAtMs: number, doneAtMs: number): ProbeExchange {
  return {
    isOk: false,
    code: error instanceof BaseError ? error.code : 'UNKNOWN',
    fault: error instanceof BaseError ? error.fault : 'supplier',
    status: undefined,
    timing: { sentAtMs, firstContentAtMs: undefined, doneAtMs },
  }
}
