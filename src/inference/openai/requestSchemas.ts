/**
 * OpenAI request bodies as zod schemas. Unknown fields pass through untouched (an upstream server may
 * understand them); known fields are range-checked so the embedded backend never sees nonsense.
 */
import { z } from 'zod'

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() })

/** One chat message; content may be a string or an array of text parts. */
export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(textPart), z.null()]),
  name: z.string().optional(),
})

const stop = z.union([z.string(), z.array(z.string()).max(4)]).nullish()
const sampling = {
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  n: z.literal(1).nullish(),
  stop,
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
}

/** POST /v1/chat/completions. */
export const chatCompletionRequestSchema = z.looseObject({
  ...sampling,
  messages: z.array(chatMessageSchema).min(1),
  max_completion_tokens: z.number().int().min(1).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
})

/** POST /v1/completions (legacy); a prompt array must hold exactly one string. */
export const completionRequestSchema = z.looseObject({
  ...sampling,
  prompt: z.union([z.string(), z.array(z.string()).length(1)]),
  logprobs: z.number().int().min(0).max(5).nullish(),
  echo: z.literal(false).nullish(),
})

/** POST /v1/embeddings. */
export const embeddingsRequestSchema = z.looseObject({
  model: z.string().optional(),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
})

/** A chat message as validated (unknown fields kept). */
export type ChatMessage = z.infer<typeof chatMessageSchema>
/** A chat completion body as validated (unknown fields kept). */
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>
/** A legacy completion body as validated (unknown fields kept). */
export type CompletionRequest = z.infer<typeof completionRequestSchema>
/** An embeddings body as validated (unknown fields kept). */
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>
