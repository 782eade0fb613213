import type { Token } from 'node-llama-cpp'
import type { InferenceCallOptions } from '../backend.ts'
import { BackendClosedError, ContextOverflowError } from '../errors.ts'
import type { ChatMessage } from '../openai/requestSchemas.ts'
import type { GenerationRunner } from './createGenerationRunner.ts'
import type { TokenLogprobBuilder } from './createTokenLogprobs.ts'
import { renderChatPrompt } from './renderChatPrompt.ts'
import { type ScoreTokensReturnType, scoreTokens } from './scoreTokens.ts'

/** Token ids to score; `topLogprobs` alternatives per position (default 0). */
export type ScoreInput = { promptTokens: Token[]; completionTokens: Token[]; topLogprobs?: number }

/** Teacher-forced scoring, the primitive a watcher uses to check who wrote an answer. */
export type ScoringMethods = {
  /** Scores completion tokens after prompt tokens. */
  scoreTokens(input: ScoreInput, options?: InferenceCallOptions): Promise<ScoreTokensReturnType>
  /** Scores a chat answer: prompt = chat template of `messages`; the answer is tokenised as generated. */
  scoreChatAnswer(
    input: { messages: ChatMessage[]; content: string; topLogprobs?: number },
    options?: InferenceCallOptions,
  ): Promise<ScoreTokensReturnType>
}

/**
 * The scoring methods of the embedded backend; each borrows a sequence from the same pool as generation.
 *
 * @param parts - runner, logprob builder, prompt tokeniser and context size.
 * @returns the methods.
 * @example
 * const { scoreChatAnswer } = createScoringMethods({ runner, logprobs, tokenize, contextSize })
 */
export function createScoringMethods(parts: {
  runner: GenerationRunner
  logprobs: TokenLogprobBuilder
  tokenize: (text: string, options?: { addBos?: boolean }) => Token[]
  contextSize: number
}): ScoringMethods {
  const { runner, logprobs, tokenize, contextSize } = parts
  const score = async (input: ScoreInput, options?: InferenceCallOptions) => {
    const total = input.promptTokens.length + input.completionTokens.length
    if (total > contextSize) throw new ContextOverflowError({ promptTokens: total, contextSize })
    const scored = { ...input, topLogprobs: input.topLogprobs ?? 0 }
    return runner.withSequence((sequence) => scoreTokens(sequence, logprobs, scored), options?.signal)
  }
  return {
    scoreTokens: score,
    async scoreChatAnswer({ messages, content, topLogprobs }, options) {
      if (runner.isClosed) throw new BackendClosedError()
      const promptTokens = tokenize(renderChatPrompt(messages))
      // The answer lost its word-boundary space; SentencePiece's space prefix puts it back.
      const completionTokens = tokenize(content, { addBos: false })
      return score({ promptTokens, completionTokens, topLogprobs }, options)
    },
  }
}
