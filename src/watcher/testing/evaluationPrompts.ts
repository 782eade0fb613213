/**
 * Evaluation support: the prompt sets and probe requests of the watcher evaluation.
 */
import type { ChatCompletionRequest } from '../../inference/index.ts'
import { corpusPrompts, systemPrompts } from '../corpus/corpus.ts'
import { shuffle } from '../probe/createPromptDeck.ts'

/** A prompt with where it comes from: the shipped corpus (public) or an operator's private list. */
export type EvaluationPrompt = { id: number; text: string; split: 'calibration' | 'test'; isPublic: boolean }

// Private prompts: the kind of context operators add to make their own probes (not in the shipped corpus).
const contexts = [
  'I run a small bakery. ',
  'Asking for my dad, who is 70. ',
  'I am a night-shift nurse. ',
  'Quick one before my exam: ',
  'We just moved to Canada. ',
  'I teach primary school. ',
  'On a tight budget here. ',
  'For a school project: ',
]

/**
 * Splits the shipped corpus into calibration and test prompts (disjoint) and derives private prompts
 * from the rest, so that no prompt is used both to calibrate and to test.
 *
 * @param counts - calibration, public test and private test prompts.
 * @param random - the evaluation's seeded randomness.
 * @returns the prompts, ids in order.
 * @example
 * const prompts = splitEvaluationPrompts({ calibration: 40, test: 80, private: 40 }, random)
 */
export function splitEvaluationPrompts(
  counts: { calibration: number; test: number; private: number },
  random: () => number,
): EvaluationPrompt[] {
  const shuffled = shuffle(corpusPrompts, random)
  const calibration = shuffled.slice(0, counts.calibration)
  const test = shuffled.slice(counts.calibration, counts.calibration + counts.test)
  const rest = shuffled.slice(counts.calibration + counts.test)
  const privateTexts = rest.slice(0, counts.private).map((text, i) => contexts[i % contexts.length] + text)
  return [
    ...calibration.map((text) => ({ text, split: 'calibration' as const, isPublic: true })),
    ...test.map((text) => ({ text, split: 'test' as const, isPublic: true })),
    ...privateTexts.map((text) => ({ text, split: 'test' as const, isPublic: false })),
  ].map((prompt, id) => ({ id, ...prompt }))
}

/**
 * The evaluation's probe for a prompt: greedy, with per-token logprobs (the audit later sees them on a
 * share of probes only), every other one streamed, every third one with a system prompt.
 *
 * @param prompt - the prompt.
 * @param serviceId - the body's model.
 * @param maxTokens - the answer length.
 * @returns the request.
 * @example
 * evaluationRequest(prompt, 'small-chat', 48)
 */
export function evaluationRequest(
  prompt: EvaluationPrompt,
  serviceId: string,
  maxTokens: number,
): ChatCompletionRequest {
  const system =
    prompt.id % 3 === 0
      ? [{ role: 'system' as const, content: systemPrompts[prompt.id % systemPrompts.length]! }]
      : []
  const isStream = prompt.id % 2 === 0
  return {
    model: serviceId,
    messages: [...system, { role: 'user', content: prompt.text }],
    temperature: 0,
    max_tokens: maxTokens,
    logprobs: true,
    top_logprobs: 0,
    ...(isStream ? { stream: true, stream_options: { include_usage: true } } : {}),
  }
}
