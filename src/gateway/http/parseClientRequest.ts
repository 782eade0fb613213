import type { z } from 'zod'
import {
  chatCompletionRequestSchema,
  completionRequestSchema,
  embeddingsRequestSchema,
} from '../../inference/openai/requestSchemas.ts'
import type { RoutingConfig } from '../config/loadGatewayConfig.ts'
import { InvalidGatewayRequestError, ModelNotFoundError } from '../errors.ts'
import type { RelayPayload } from '../relay/buildRelayEnvelope.ts'

/** The three OpenAI operations the gateway relays. */
export type ClientOperation = 'chat' | 'completion' | 'embeddings'

const paths: Record<ClientOperation, string> = {
  chat: '/v1/chat/completions',
  completion: '/v1/completions',
  embeddings: '/v1/embeddings',
}
const schemas: Record<ClientOperation, z.ZodType<Record<string, unknown>>> = {
  chat: chatCompletionRequestSchema,
  completion: completionRequestSchema,
  embeddings: embeddingsRequestSchema,
}

/** A validated client request, and the relay payload suppliers get for it. */
export type ClientRequest = {
  operation: ClientOperation
  /** The model name as the client wrote it. */
  model: string
  serviceId: string
  body: Record<string, unknown>
  isStream: boolean
  /** Whether the client asked for the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean
  /** Embeddings: the client wants base64 vectors (the openai SDK's default); suppliers are asked for floats. */
  wantsBase64: boolean
  /** The signed bounds (spec §1). */
  maxInputTokens: number
  maxOutputTokens: number
  payload: RelayPayload
}

/**
 * Validates a client body with the same OpenAI schemas suppliers apply (so a request that passes here
 * is not refused downstream for its shape), maps the model to its service, and derives the relay:
 * the payload (model set to the service id; streams always ask suppliers for usage, so the signed
 * usage can be checked against it), and the signed bounds. The input bound is the body's byte length
 * (capped): a byte-level tokenizer cannot produce more tokens than bytes, and a tight bound keeps the
 * supplier's reservation against the application's budget small.
 *
 * @param parameters - operation, parsed JSON, body size, model map, routing limits
 * @returns the request and its relay payload
 * @throws {InvalidGatewayRequestError} naming the field (`param`); {ModelNotFoundError} an unknown model
 * @example
 * const request = parseClientRequest({ operation: 'chat', body, bodyBytes, models, routing })
 */
export function parseClientRequest(parameters: {
  operation: ClientOperation
  body: unknown
  bodyBytes: number
  models: Readonly<Record<string, string>>
  /** Only the bounds: what shapes the relay's signed limits. */
  routing: Pick<RoutingConfig, 'maxInputTokens' | 'maxOutputTokens' | 'defaultMaxOutputTokens'>
}): ClientRequest {
  const { operation, routing } = parameters
  const model = (parameters.body as { model?: unknown } | null)?.model
  if (typeof parameters.body !== 'object' || parameters.body === null || Array.isArray(parameters.body))
    throw new InvalidGatewayRequestError({ param: null, reason: 'the body must be a JSON object' })
  if (typeof model !== 'string' || model === '')
    throw new InvalidGatewayRequestError({ param: 'model', reason: 'is required' })
  const serviceId = Object.hasOwn(parameters.models, model) ? parameters.models[model] : undefined
  if (serviceId === undefined) throw new ModelNotFoundError({ model })
  const body = validate(schemas[operation], parameters.body)
  const isStream = operation !== 'embeddings' && body.stream === true
  const requested = (body.max_completion_tokens ?? body.max_tokens) as number | null | undefined
  if (requested != null && requested > routing.maxOutputTokens)
    throw new InvalidGatewayRequestError({
      param: body.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens',
      reason: `must be at most ${routing.maxOutputTokens}`,
    })
  const maxOutputTokens = operation === 'embeddings' ? 0 : (requested ?? routing.defaultMaxOutputTokens)
  const streamOptions = (body.stream_options ?? {}) as Record<string, unknown>
  const relayBody: Record<string, unknown> = { ...body, model: serviceId }
  if (isStream) relayBody.stream_options = { ...streamOptions, include_usage: true }
  // Not every backend encodes base64; the gateway does it, so suppliers always return floats.
  const wantsBase64 = operation === 'embeddings' && body.encoding_format === 'base64'
  if (operation === 'embeddings') delete relayBody.encoding_format
  return {
    operation,
    model,
    serviceId,
    body,
    isStream,
    includeUsage: isStream && streamOptions.include_usage === true,
    wantsBase64,
    maxInputTokens: Math.min(routing.maxInputTokens, parameters.bodyBytes + 64),
    maxOutputTokens,
    payload: { method: 'POST', path: paths[operation], body: relayBody },
  }
}

function validate(schema: z.ZodType<Record<string, unknown>>, body: unknown): Record<string, unknown> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const param = issue.path.length === 0 ? null : issue.path.map(String).join('.')
  throw new InvalidGatewayRequestError({ param, reason: issue.message.toLowerCase() })
}
