import type { ChatCompletion, ChatCompletionChunk, TokenLogprob, Usage } from '../../inference/index.ts'
import { createStreamPayloadHasher } from '../../protocol/relay/createStreamPayloadHasher.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { parseSseStream } from '../../protocol/sse/parseSseStream.ts'
import { ProbeFailedError } from '../errors.ts'
import type { ProbeAnswer } from '../ports.ts'
import type { ProbeRelay } from './probeRelay.ts'
import { verifySignedResponse } from './verifySignedResponse.ts'

/** What reading an answer needs: the relay it answers, the domain, and the watcher's clock. */
export type ReadContext = { domain: RelayDomain; relay: ProbeRelay; sentAtMs: number; nowMs: () => number }

/**
 * Reads a relayminer's JSON answer (`{ payload: { status, body }, response, responseSignature }`) into a
 * probe answer, after checking the signed response covers exactly this body.
 *
 * @param json - the decoded body of a 200 answer.
 * @param context - relay, domain, timing.
 * @returns the answer, with the signed usage.
 * @throws {ProbeFailedError} (supplier's fault) for a malformed or unverifiable answer.
 * @example
 * const answer = readJsonAnswer(await response.json(), context)
 */
export function readJsonAnswer(json: unknown, context: ReadContext): ProbeAnswer {
  const answer = json as { payload?: { status?: number; body?: ChatCompletion } } | undefined
  const body = answer?.payload?.body
  if (answer?.payload?.status !== 200 || typeof body !== 'object' || body === null || !body.choices?.[0])
    throw new ProbeFailedError({ reason: 'the answer has no chat completion', fault: 'supplier' })
  const response = verifySignedResponse({
    ...context,
    receivedPayloadHash: hashResponsePayload({ status: 200, body }),
    signed: json,
  })
  const choice = body.choices[0]
  return {
    isOk: true,
    content: choice.message?.content ?? '',
    finishReason: choice.finish_reason ?? null,
    usage: body.usage,
    logprobs: choice.logprobs?.content,
    signedUsage: signedUsageOf(response, context.relay),
    timing: { sentAtMs: context.sentAtMs, firstContentAtMs: undefined, doneAtMs: context.nowMs() },
  }
}

/**
 * Reads a relayminer's SSE answer: chat chunks (hashed as they arrive, spec §2.2), `[DONE]`, then the
 * signed `relay-response` trailer; an `error` event or a missing trailer is a failed probe.
 *
 * @param body - the response body.
 * @param context - relay, domain, timing.
 * @returns the answer, with TTFT measured at the first non-empty content.
 * @throws {ProbeFailedError} (supplier's fault) for an error event, a broken stream or a bad trailer.
 * @example
 * const answer = await readStreamAnswer(response.body, context)
 */
export function readStreamAnswer(
  body: AsyncIterable<Uint8Array>,
  context: ReadContext,
): Promise<ProbeAnswer> {
  return readStreamEvents(parseSseStream(body, { isLenientAtEnd: true }), context)
}

/** One server-sent event; an absent name is a plain `message` (as a gateway's SSE parser yields it). */
export type StreamEvent = { event: string | undefined; data: string }

/**
 * Reads an SSE answer already split into events (what a gateway's transport hands back), with the
 * checks of `readStreamAnswer`.
 *
 * @param events - the answer's events, in order.
 * @param context - relay, domain, timing.
 * @returns the answer, with TTFT measured at the first non-empty content.
 * @throws {ProbeFailedError} (supplier's fault) for an error event, a broken stream or a bad trailer.
 * @example
 * const answer = await readStreamEvents(reply.events, context)
 */
export async function readStreamEvents(
  events: AsyncIterable<StreamEvent>,
  context: ReadContext,
): Promise<ProbeAnswer> {
  const hasher = createStreamPayloadHasher()
  const seen = {
    content: '',
    firstContentAtMs: undefined as number | undefined,
    finishReason: null as ProbeAnswer['finishReason'],
  }
  const logprobs: TokenLogprob[] = []
  let usage: Usage | undefined
  let trailer: unknown
  for await (const { event: name = 'message', data } of events) {
    if (name === 'relay-response') trailer = JSON.parse(data)
    if (name === 'error')
      throw new ProbeFailedError({ reason: 'the stream ended with an error event', fault: 'supplier' })
    if (name !== 'message' || data === '[DONE]') continue
    const chunk = JSON.parse(data) as ChatCompletionChunk
    hasher.update(chunk)
    if (chunk.usage) usage = chunk.usage
    const choice = chunk.choices?.[0]
    if (choice?.delta?.content) {
      seen.firstContentAtMs ??= context.nowMs()
      seen.content += choice.delta.content
    }
    if (choice?.logprobs) logprobs.push(...choice.logprobs.content)
    if (choice?.finish_reason) seen.finishReason = choice.finish_reason
  }
  if (trailer === undefined)
    throw new ProbeFailedError({ reason: 'the stream has no signed trailer', fault: 'supplier' })
  const response = verifySignedResponse({ ...context, receivedPayloadHash: hasher.digest(), signed: trailer })
  return {
    isOk: true,
    content: seen.content,
    finishReason: seen.finishReason,
    usage,
    logprobs:
      context.relay.envelope.payload.body &&
      (context.relay.envelope.payload.body as { logprobs?: boolean }).logprobs
        ? logprobs
        : undefined,
    signedUsage: signedUsageOf(response, context.relay),
    timing: {
      sentAtMs: context.sentAtMs,
      firstContentAtMs: seen.firstContentAtMs,
      doneAtMs: context.nowMs(),
    },
  }
}

function signedUsageOf(response: { inputTokens: number; outputTokens: number }, relay: ProbeRelay) {
  return {
    inputTokens: response.inputTokens,
    outputTokens: response.outputTokens,
    maxInputTokens: relay.request.maxInputTokens,
    maxOutputTokens: relay.request.maxOutputTokens,
  }
}
