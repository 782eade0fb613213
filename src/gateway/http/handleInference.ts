import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config/loadGatewayConfig.ts'
import { BudgetExhaustedError, InvalidGatewayRequestError } from '../errors.ts'
import type { RateLimiter, RateTicket } from '../keys/createRateLimiter.ts'
import type { ApiKeyRecord, KeyStore } from '../keys/openKeyStore.ts'
import type { RelayAccounting } from '../routing/accountRelay.ts'
import { sendJsonRelay } from '../routing/sendJsonRelay.ts'
import { startStreamRelay } from '../routing/streamRelay.ts'
import type { RelayJob, RouterContext } from '../routing/types.ts'
import type { GatewayVariables } from './authenticate.ts'
import { createClientSignal } from './createClientSignal.ts'
import { type ClientOperation, type ClientRequest, parseClientRequest } from './parseClientRequest.ts'
import { readClientBody } from './readClientBody.ts'
import { toSseEvents } from './toSseEvents.ts'
import { toSseResponse } from './toSseResponse.ts'
import { writeSseToNode } from './writeSseToNode.ts'

/** What the inference endpoints need. */
export type InferenceHandlerDependencies = {
  config: GatewayConfig
  router: RouterContext
  keyStore: KeyStore | undefined
  limiter: RateLimiter
  logger: Logger
}

/**
 * Creates the handler of one OpenAI endpoint (`/v1/chat/completions`, `/v1/completions`,
 * `/v1/embeddings`): parse and validate → budget and rate limits → relay (JSON, or a stream once its
 * first chunk is in) → usage ledger. Errors are thrown to the app's error handler, which maps them.
 *
 * @param dependencies - config, router, key store, limiter, logger
 * @param operation - which endpoint
 * @returns the Hono handler
 * @example
 * app.post('/v1/chat/completions', createInferenceHandler(dependencies, 'chat'))
 */
export function createInferenceHandler(
  dependencies: InferenceHandlerDependencies,
  operation: ClientOperation,
) {
  const { config, router } = dependencies
  return async function handleInference(c: Context<{ Variables: GatewayVariables }>): Promise<Response> {
    const requestId = requestIdOf(c.req.header('x-request-id'))
    const apiKey = c.get('apiKey')
    const text = await readClientBody(c, config.server.maxBodyBytes)
    const request = parseClientRequest({
      operation,
      body: parseJson(text),
      bodyBytes: Buffer.byteLength(text, 'utf8'),
      models: config.models,
      routing: config.routing,
    })
    c.set('model', request.model)
    c.set('isStream', request.isStream)
    router.observeRequest?.({ operation, serviceId: request.serviceId, body: request.body })
    enforceBudget(apiKey, dependencies.keyStore)
    const ticket = dependencies.limiter.admit(
      apiKey.id,
      limitsOf(apiKey, config),
      request.maxOutputTokens + Math.ceil(text.length / 4),
    )
    const signal = createClientSignal(c)
    c.set('clientSignal', signal)
    const job = createRelayJob(dependencies, request, { requestId, keyId: apiKey.id, operation, signal })
    c.header('x-request-id', requestId)
    const account = (accounting: RelayAccounting) => recordUsage(dependencies, apiKey, ticket, accounting)
    try {
      if (!request.isStream) {
        const result = await sendJsonRelay(router, job)
        account(result.accounting)
        return c.json(reshapeJson(result.body, request, requestId))
      }
      const stream = await startStreamRelay(router, job, {
        kind: operation === 'chat' ? 'chat' : 'completion',
        body: request.body,
        model: request.model,
        includeUsage: request.includeUsage,
      })
      void stream.accounting.then(account)
      const events = toSseEvents(stream.chunks, job)
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
      if (!outgoing) return toSseResponse(events, { 'x-request-id': requestId })
      void writeSseToNode(outgoing, events, { 'x-request-id': requestId })
      return RESPONSE_ALREADY_SENT
    } catch (error) {
      ticket.settle(0)
      throw error
    }
  }
}

function createRelayJob(
  dependencies: InferenceHandlerDependencies,
  request: ClientRequest,
  context: { requestId: string; keyId: string; operation: ClientOperation; signal: AbortSignal },
): RelayJob {
  let logger: Logger | undefined
  return {
    serviceId: request.serviceId,
    payload: request.payload,
    maxInputTokens: request.maxInputTokens,
    maxOutputTokens: request.maxOutputTokens,
    requestId: context.requestId,
    startedAtMs: dependencies.router.nowMs(),
    signal: context.signal,
    // Made on first use: most requests log nothing, and a pino child per request showed in profiles.
    get logger() {
      logger ??= dependencies.logger.child({
        reqId: context.requestId,
        keyId: context.keyId,
        operation: context.operation,
        model: request.model,
        stream: request.isStream,
      })
      return logger
    },
  }
}

function requestIdOf(header: string | undefined): string {
  // A client-supplied id is echoed in stream ids and logs, so only a short, plain one is kept.
  return header && /^[A-Za-z0-9_-]{1,64}$/.test(header) ? header : randomUUID()
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidGatewayRequestError({ param: null, reason: 'the body is not valid JSON' })
  }
}

function enforceBudget(apiKey: ApiKeyRecord, keyStore: KeyStore | undefined): void {
  if (apiKey.budgetBaseUnits === undefined || !keyStore) return
  if (keyStore.usage(apiKey.id).costBaseUnits >= apiKey.budgetBaseUnits) throw new BudgetExhaustedError()
}

function limitsOf(apiKey: ApiKeyRecord, config: GatewayConfig) {
  return {
    requestsPerMinute: apiKey.requestsPerMinute || config.keys.defaultRequestsPerMinute,
    tokensPerMinute: apiKey.tokensPerMinute || config.keys.defaultTokensPerMinute,
  }
}

function recordUsage(
  dependencies: InferenceHandlerDependencies,
  apiKey: ApiKeyRecord,
  ticket: RateTicket,
  accounting: RelayAccounting,
): void {
  ticket.settle(accounting.inputTokens + accounting.outputTokens)
  dependencies.router.metrics.tokens.inc({ direction: 'input' }, accounting.inputTokens)
  dependencies.router.metrics.tokens.inc({ direction: 'output' }, accounting.outputTokens)
  if (!dependencies.keyStore || apiKey.id === 'anonymous') return
  dependencies.keyStore.addUsage(
    apiKey.id,
    {
      requests: 1,
      inputTokens: accounting.inputTokens,
      outputTokens: accounting.outputTokens,
      costBaseUnits: accounting.costBaseUnits,
    },
    dependencies.router.nowMs(),
  )
}

function reshapeJson(body: unknown, request: ClientRequest, requestId: string): unknown {
  if (typeof body !== 'object' || body === null) return body
  const shaped: Record<string, unknown> = { ...body, model: request.model }
  // Ids are the gateway's, so a client cannot tell which supplier answered.
  if (request.operation === 'chat') shaped.id = `chatcmpl-${requestId}`
  if (request.operation === 'completion') shaped.id = `cmpl-${requestId}`
  if (request.wantsBase64 && Array.isArray(shaped.data)) shaped.data = shaped.data.map(toBase64Embedding)
  return shaped
}

// OpenAI's base64 embeddings are little-endian float32 vectors.
function toBase64Embedding(entry: unknown): unknown {
  const embedding = (entry as { embedding?: unknown })?.embedding
  if (!Array.isArray(embedding)) return entry
  const bytes = Buffer.alloc(embedding.length * 4)
  for (const [index, value] of embedding.entries()) bytes.writeFloatLE(Number(value), index * 4)
  return { ...(entry as object), embedding: bytes.toString('base64') }
}
