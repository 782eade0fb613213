import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config/loadGatewayConfig.ts'
import { BudgetExhaustedError, InvalidGatewayRequestError } from '../errors.ts'
import type { RateLimiter, RateTicket } from '../keys/createRateLimiter.ts'
import type { ApiKeyRecord, KeyStore } from '../keys/openKeyStore.ts'
import type { RelayAccounting } from '../routing/accountRelay.ts'
import type { ClientSignal } from '../routing/clientSignal.ts'
import { sendJsonRelay } from '../routing/sendJsonRelay.ts'
import { startStreamRelay } from '../routing/streamRelay.ts'
import type { RelayJob, RouterContext } from '../routing/types.ts'
import { type ClientOperation, type ClientRequest, parseClientRequest } from './parseClientRequest.ts'
import { reshapeJson } from './reshapeJson.ts'
import { toSseEvents } from './toSseEvents.ts'

/** What the inference endpoints need. */
export type InferenceHandlerDependencies = {
  config: GatewayConfig
  router: RouterContext
  keyStore: KeyStore | undefined
  limiter: RateLimiter
  logger: Logger
}

/** One inference request as an HTTP edge (Hono or Node's server) hands it over. */
export type InferenceExchange = {
  operation: ClientOperation
  apiKey: ApiKeyRecord
  /** The client's `x-request-id`, kept when short and plain. */
  requestIdHeader: string | undefined
  readBody(): Promise<string>
  /** The request is valid: its model and whether it streams (for the edge's metrics). */
  onParsed(request: ClientRequest): void
  /** The request is admitted under this id: the answer, and any error from here on, carry it. */
  onAdmitted(requestId: string): void
  /** Fires when the client leaves before its answer; asked for once the request is admitted. */
  clientSignal(): ClientSignal
}

/** The answer: a JSON body, or SSE event texts once the stream's first chunk is in. */
export type InferenceReply =
  | { kind: 'json'; body: unknown }
  | { kind: 'stream'; events: AsyncGenerator<string, void, undefined> }

/**
 * One OpenAI request (`/v1/chat/completions`, `/v1/completions`, `/v1/embeddings`), whichever server
 * received it: parse and validate → budget and rate limits → relay (JSON, or a stream once its first
 * chunk is in) → usage ledger. Errors are thrown for the edge to map (`toErrorReply`).
 *
 * @param dependencies - config, router, key store, limiter, logger
 * @param exchange - the request as the edge sees it
 * @returns the reply to send
 * @example
 * const reply = await runInference(dependencies, exchange)
 */
export async function runInference(
  dependencies: InferenceHandlerDependencies,
  exchange: InferenceExchange,
): Promise<InferenceReply> {
  const { config, router } = dependencies
  const { operation, apiKey } = exchange
  const requestId = requestIdOf(exchange.requestIdHeader)
  const text = await exchange.readBody()
  const request = parseClientRequest({
    operation,
    body: parseJson(text),
    bodyBytes: Buffer.byteLength(text, 'utf8'),
    models: config.models,
    routing: config.routing,
  })
  exchange.onParsed(request)
  router.observeRequest?.({ operation, serviceId: request.serviceId, body: request.body })
  enforceBudget(apiKey, dependencies.keyStore)
  const ticket = dependencies.limiter.admit(
    apiKey.id,
    limitsOf(apiKey, config),
    request.maxOutputTokens + Math.ceil(text.length / 4),
  )
  const job = createRelayJob(dependencies, request, {
    requestId,
    keyId: apiKey.id,
    operation,
    signal: exchange.clientSignal(),
  })
  exchange.onAdmitted(requestId)
  const account = (accounting: RelayAccounting) => recordUsage(dependencies, apiKey, ticket, accounting)
  try {
    if (!request.isStream) {
      const result = await sendJsonRelay(router, job)
      account(result.accounting)
      return { kind: 'json', body: reshapeJson(result.body, request, requestId) }
    }
    const stream = await startStreamRelay(router, job, {
      kind: operation === 'chat' ? 'chat' : 'completion',
      body: request.body,
      model: request.model,
      includeUsage: request.includeUsage,
    })
    void stream.accounting.then(account)
    return { kind: 'stream', events: toSseEvents(stream.chunks, job) }
  } catch (error) {
    ticket.settle(0)
    throw error
  }
}

function createRelayJob(
  dependencies: InferenceHandlerDependencies,
  request: ClientRequest,
  context: { requestId: string; keyId: string; operation: ClientOperation; signal: ClientSignal },
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
