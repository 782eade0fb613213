import type { Token } from 'node-llama-cpp'
import { parseChatCompletionRequest, parseCompletionRequest } from '../openai/parseRequest.ts'
import type { ChatCompletionRequest, CompletionRequest } from '../openai/requestSchemas.ts'
import type { GenerationParameters } from './generateTokens.ts'
import { renderChatPrompt } from './renderChatPrompt.ts'
import { resolveGeneration } from './resolveGeneration.ts'

/** A validated request turned into what `generateTokens` runs. */
export type ResolvedRequest = { generation: Omit<GenerationParameters, 'signal'>; hasLogprobs: boolean }

/** Validates OpenAI bodies and resolves them against one loaded model. */
export type RequestResolver = {
  chat(body: ChatCompletionRequest): ResolvedRequest
  text(body: CompletionRequest): ResolvedRequest
}

/**
 * A resolver for a model: chat bodies are rendered with the chat template, legacy prompts are used as
 * they are; both are tokenised with BOS and checked against the context.
 *
 * @param model.tokenize - prompt tokeniser (adds BOS).
 * @param model.contextSize - tokens per sequence.
 * @param model.defaultMaxTokens - `max_tokens` when the request has none.
 * @returns the resolver.
 * @throws {InvalidInferenceRequestError} (from its methods) for a malformed body.
 * @example
 * const { generation } = createRequestResolver(model).chat({ messages, temperature: 0 })
 */
export function createRequestResolver(model: {
  tokenize: (text: string) => Token[]
  contextSize: number
  defaultMaxTokens: number
}): RequestResolver {
  const { contextSize, defaultMaxTokens } = model
  return {
    chat(body) {
      const request = parseChatCompletionRequest(body)
      const topLogprobs = request.logprobs ? (request.top_logprobs ?? 0) : null
      const promptTokens = model.tokenize(renderChatPrompt(request.messages))
      const generation = resolveGeneration(
        { ...request, maxTokens: request.max_completion_tokens },
        { promptTokens, contextSize, defaultMaxTokens, topLogprobs },
      )
      return { generation, hasLogprobs: topLogprobs !== null }
    },
    text(body) {
      const request = parseCompletionRequest(body)
      const topLogprobs = request.logprobs ?? null
      const prompt = typeof request.prompt === 'string' ? request.prompt : request.prompt[0]!
      const promptTokens = model.tokenize(prompt)
      const generation = resolveGeneration(request, {
        promptTokens,
        contextSize,
        defaultMaxTokens,
        topLogprobs,
      })
      return { generation, hasLogprobs: topLogprobs !== null }
    },
  }
}
