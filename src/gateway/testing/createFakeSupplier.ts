import type { Hex } from '../../protocol/bytes/bytes.ts'
import { createStreamPayloadHasher } from '../../protocol/relay/createStreamPayloadHasher.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import type { RelayRequest, RelayResponse } from '../../protocol/relay/types.ts'
import { hashRelayRequest } from '../../protocol/signature/hashRelayRequest.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { signRelayResponse } from '../../protocol/signature/signRelayResponse.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { SseEvent, SupplierReply } from '../ports.ts'

/** How a fake supplier misbehaves (all optional; mutable between requests). */
export type FakeSupplierBehavior = {
  /** Refuse before the first byte with this coded error. */
  failWith?: { status: number; code: string; fault?: string }
  /** Cut the stream after this many data chunks (no `[DONE]`, no trailer). */
  breakAfterChunks?: number
  /** End the stream with an `error` event after this many data chunks. */
  errorEventAfterChunks?: number
  firstByteDelayMs?: number
  chunkDelayMs?: number
  /** Sign something other than what was sent. */
  tamper?: 'signature' | 'usage' | 'payload' | 'request-hash'
  omitTrailer?: boolean
  /** Words in a full answer (default 6). */
  answerWords?: number
}

/** A supplier that speaks the relay wire format in-process, with a trivial deterministic "model". */
export type FakeSupplier = {
  operator: Hex
  behavior: FakeSupplierBehavior
  /** Relays received, in order (the parsed envelopes). */
  readonly received: Array<{
    request: Record<string, unknown>
    payload: { path: string; body: Record<string, unknown> }
  }>
  handle(envelope: unknown, signal: AbortSignal): Promise<SupplierReply>
}

/**
 * Creates a fake supplier. Its "model" answers with the words `w0 w1 w2 …`, continuing from however
 * many such words end the prompt, so a stream resumed on another fake supplier yields exactly the
 * answer an unbroken one would. Responses are signed with the operator key like a relayminer's.
 *
 * @param parameters - operator key, EIP-712 domain, behavior
 * @returns the fake supplier
 * @example
 * const supplier = createFakeSupplier({ operatorKey, domain, behavior: { breakAfterChunks: 3 } })
 */
export function createFakeSupplier(parameters: {
  operatorKey: Hex
  domain: RelayDomain
  behavior?: FakeSupplierBehavior
  /** The supplier's view of the chain height; when given, relays outside [start, end + 2] are refused. */
  heightView?: () => bigint
  /** Keep every envelope in `received` (default true; benchmarks turn it off). */
  shouldRecord?: boolean
}): FakeSupplier {
  const operator = privateKeyToAddress(parameters.operatorKey)
  const received: FakeSupplier['received'] = []
  const supplier: FakeSupplier = {
    operator,
    behavior: parameters.behavior ?? {},
    received,
    async handle(envelope, signal) {
      const parsed = envelope as FakeSupplier['received'][number]
      if (parameters.shouldRecord !== false) received.push(parsed)
      const { behavior } = supplier
      if (behavior.firstByteDelayMs) await sleep(behavior.firstByteDelayMs, signal)
      if (behavior.failWith) {
        const { status, code, fault = 'supplier' } = behavior.failWith
        return { kind: 'json', status, body: { error: { code, message: `fake failure ${code}`, fault } } }
      }
      const request = toRelayRequest(parsed.request)
      const refusal = parameters.heightView && checkSession(request, parameters.heightView())
      if (refusal) return refusal
      const answer = generate(parsed.payload, behavior.answerWords ?? 6)
      const sign = (payloadHash: Hex, usage: Usage) =>
        signResponse(parameters, request, behavior, payloadHash, usage)
      if (parsed.payload.body.stream === true)
        return {
          kind: 'stream',
          status: 200,
          events: streamEvents(parsed.payload, answer, behavior, sign, signal),
        }
      const body = toJsonBody(parsed.payload, answer)
      return {
        kind: 'json',
        status: 200,
        body: {
          payload: { status: 200, body },
          ...sign(hashResponsePayload({ status: 200, body }), answer.usage),
        },
      }
    },
  }
  return supplier
}

// As a relayminer does: a session is served from its start height through end + grace (2 here).
function checkSession(request: RelayRequest, height: bigint): SupplierReply | undefined {
  const { sessionStartHeight, sessionEndHeight } = request.session
  const code =
    sessionStartHeight > height
      ? 'RELAYMINER_SESSION_NOT_STARTED'
      : height > sessionEndHeight + 2n
        ? 'RELAYMINER_SESSION_EXPIRED'
        : undefined
  return code
    ? { kind: 'json', status: 400, body: { error: { code, message: code, fault: 'client' } } }
    : undefined
}

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }
type Answer = { pieces: string[]; finishReason: 'stop' | 'length'; usage: Usage }

function generate(payload: { path: string; body: Record<string, unknown> }, answerWords: number): Answer {
  const { body } = payload
  const promptText =
    typeof body.prompt === 'string' ? body.prompt : JSON.stringify(body.messages ?? body.input ?? '')
  const words = promptText.split(/\s+/).filter(Boolean)
  let already = 0
  while (already < words.length && /^w\d+$/.test(words[words.length - 1 - already]!)) already++
  const maxTokens = Number(body.max_tokens ?? body.max_completion_tokens ?? 1_000)
  const count = Math.max(0, Math.min(answerWords - already, maxTokens))
  const isChat = payload.path === '/v1/chat/completions'
  const pieces = Array.from({ length: count }, (_, i) =>
    isChat && already + i === 0 ? `w${i}` : ` w${already + i}`,
  )
  const usage = { prompt_tokens: words.length, completion_tokens: count, total_tokens: words.length + count }
  return { pieces, finishReason: already + count >= answerWords ? 'stop' : 'length', usage }
}

function toJsonBody(payload: { path: string }, answer: Answer): Record<string, unknown> {
  const base = { id: 'fake-1', created: 1, model: 'fake', usage: answer.usage }
  if (payload.path === '/v1/embeddings')
    return {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
      model: 'fake',
      usage: { prompt_tokens: answer.usage.prompt_tokens, total_tokens: answer.usage.prompt_tokens },
    }
  if (payload.path === '/v1/completions')
    return {
      ...base,
      object: 'text_completion',
      choices: [
        { index: 0, text: answer.pieces.join(''), logprobs: null, finish_reason: answer.finishReason },
      ],
    }
  return {
    ...base,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.pieces.join('') },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
  }
}

async function* streamEvents(
  payload: { path: string; body: Record<string, unknown> },
  answer: Answer,
  behavior: FakeSupplierBehavior,
  sign: (payloadHash: Hex, usage: Usage) => { response: RelayResponse; responseSignature: Hex },
  signal: AbortSignal,
): AsyncGenerator<SseEvent> {
  const isChat = payload.path === '/v1/chat/completions'
  const chunk = (choice: Record<string, unknown> | undefined, usage?: Usage) => ({
    id: 'fake-1',
    object: isChat ? 'chat.completion.chunk' : 'text_completion',
    created: 1,
    model: 'fake',
    choices: choice ? [{ index: 0, logprobs: null, ...choice }] : [],
    ...(usage ? { usage } : {}),
  })
  const chunks = [
    ...(isChat ? [chunk({ delta: { role: 'assistant', content: '' }, finish_reason: null })] : []),
    ...answer.pieces.map((piece) =>
      chunk(
        isChat ? { delta: { content: piece }, finish_reason: null } : { text: piece, finish_reason: null },
      ),
    ),
    chunk(
      isChat
        ? { delta: {}, finish_reason: answer.finishReason }
        : { text: '', finish_reason: answer.finishReason },
    ),
    chunk(undefined, answer.usage),
  ]
  const hasher = createStreamPayloadHasher()
  for (const [index, value] of chunks.entries()) {
    if (behavior.breakAfterChunks !== undefined && index >= behavior.breakAfterChunks) return
    if (behavior.errorEventAfterChunks !== undefined && index >= behavior.errorEventAfterChunks) {
      yield {
        event: 'error',
        data: JSON.stringify({
          error: { code: 'RELAYMINER_BACKEND_FAILED', message: 'fake', fault: 'supplier' },
        }),
      }
      return
    }
    if (behavior.chunkDelayMs && index > 0) await sleep(behavior.chunkDelayMs, signal)
    hasher.update(value)
    yield { event: undefined, data: JSON.stringify(value) }
  }
  yield { event: undefined, data: '[DONE]' }
  if (!behavior.omitTrailer)
    yield { event: 'relay-response', data: JSON.stringify(sign(hasher.digest(), answer.usage)) }
}

function signResponse(
  parameters: { operatorKey: Hex; domain: RelayDomain },
  request: RelayRequest,
  behavior: FakeSupplierBehavior,
  payloadHash: Hex,
  usage: Usage,
): { response: RelayResponse; responseSignature: Hex } {
  const response: RelayResponse = {
    requestHash:
      behavior.tamper === 'request-hash'
        ? `0x${'11'.repeat(32)}`
        : hashRelayRequest(parameters.domain, request),
    payloadHash: behavior.tamper === 'payload' ? `0x${'22'.repeat(32)}` : payloadHash,
    inputTokens: Math.min(usage.prompt_tokens, request.maxInputTokens),
    outputTokens: Math.min(
      usage.completion_tokens + (behavior.tamper === 'usage' ? 5 : 0),
      request.maxOutputTokens,
    ),
    status: 200,
  }
  const signerKey = behavior.tamper === 'signature' ? (`0x${'33'.repeat(32)}` as Hex) : parameters.operatorKey
  return { response, responseSignature: signRelayResponse(signerKey, parameters.domain, response) }
}

function toRelayRequest(json: Record<string, unknown>): RelayRequest {
  const session = json.session as Record<string, string>
  return {
    session: {
      application: session.application as Hex,
      serviceId: session.serviceId!,
      sessionId: session.sessionId as Hex,
      sessionStartHeight: BigInt(session.sessionStartHeight!),
      sessionEndHeight: BigInt(session.sessionEndHeight!),
    },
    supplier: json.supplier as Hex,
    payloadHash: json.payloadHash as Hex,
    maxInputTokens: json.maxInputTokens as number,
    maxOutputTokens: json.maxOutputTokens as number,
    nonce: BigInt(json.nonce as string),
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
