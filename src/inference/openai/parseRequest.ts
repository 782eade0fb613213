import type { z } from 'zod'
import { InvalidInferenceRequestError } from '../errors.ts'
import {
  type ChatCompletionRequest,
  type CompletionRequest,
  chatCompletionRequestSchema,
  completionRequestSchema,
  type EmbeddingsRequest,
  embeddingsRequestSchema,
} from './requestSchemas.ts'

/**
 * Validates a chat completion body.
 *
 * @param body - the decoded JSON body.
 * @returns the typed request (unknown fields kept).
 * @throws {InvalidInferenceRequestError} naming the first offending field.
 * @example
 * parseChatCompletionRequest({ messages: [{ role: 'user', content: 'hi' }] })
 */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  return parseWith(chatCompletionRequestSchema, body)
}

/**
 * Validates a (legacy) completion body.
 *
 * @param body - the decoded JSON body.
 * @returns the typed request (unknown fields kept).
 * @throws {InvalidInferenceRequestError} naming the first offending field.
 * @example
 * parseCompletionRequest({ prompt: 'Once upon a time' })
 */
export function parseCompletionRequest(body: unknown): CompletionRequest {
  return parseWith(completionRequestSchema, body)
}

/**
 * Validates an embeddings body.
 *
 * @param body - the decoded JSON body.
 * @returns the typed request (unknown fields kept).
 * @throws {InvalidInferenceRequestError} naming the first offending field.
 * @example
 * parseEmbeddingsRequest({ input: 'hello' })
 */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  return parseWith(embeddingsRequestSchema, body)
}

function parseWith<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const field = issue.path.length === 0 ? 'body' : issue.path.join('.')
  throw new InvalidInferenceRequestError({ field, reason: issue.message.toLowerCase() })
}
