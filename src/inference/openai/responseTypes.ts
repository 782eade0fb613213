/**
 * OpenAI response shapes, as plain data. Backends return these objects; the RelayMiner and the gateway
 * serialise them (JSON, or one SSE `data:` event per chunk).
 */

/** Token counts of one request. */
export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

/** Why generation ended: a stop sequence or EOS (`stop`), or the token limit (`length`). */
export type FinishReason = 'stop' | 'length'

/** A candidate token with its log-probability (natural log). */
export type TopLogprob = { token: string; logprob: number; bytes: number[] | null }

/** One generated token in chat `logprobs.content`. */
export type TokenLogprob = TopLogprob & { top_logprobs: TopLogprob[] }

/** Chat `logprobs` of a choice or a chunk. */
export type ChatLogprobs = { content: TokenLogprob[] }

/** POST /v1/chat/completions, non-streaming answer. */
export type ChatCompletion = {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  system_fingerprint?: string
  choices: Array<{
    index: number
    message: { role: 'assistant'; content: string }
    logprobs: ChatLogprobs | null
    finish_reason: FinishReason
  }>
  usage: Usage
}

/** One streamed chat chunk; the last one has `choices: []` and `usage`. */
export type ChatCompletionChunk = {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  system_fingerprint?: string
  choices: Array<{
    index: number
    delta: { role?: 'assistant'; content?: string }
    logprobs: ChatLogprobs | null
    finish_reason: FinishReason | null
  }>
  usage?: Usage | null
}

/** Legacy completion `logprobs`: parallel arrays, `top_logprobs` as token → logprob maps. */
export type CompletionLogprobs = {
  tokens: string[]
  token_logprobs: number[]
  top_logprobs: Array<Record<string, number>> | null
  text_offset: number[]
}

/** POST /v1/completions answer; streamed chunks have the same shape with partial `text`. */
export type Completion = {
  id: string
  object: 'text_completion'
  created: number
  model: string
  system_fingerprint?: string
  choices: Array<{
    index: number
    text: string
    logprobs: CompletionLogprobs | null
    finish_reason: FinishReason | null
  }>
  usage?: Usage | null
}

/** One streamed completion chunk (the last one has `choices: []` and `usage`). */
export type CompletionChunk = Completion

/** POST /v1/embeddings answer. */
export type EmbeddingsResponse = {
  object: 'list'
  data: Array<{ object: 'embedding'; index: number; embedding: number[] }>
  model: string
  usage: { prompt_tokens: number; total_tokens: number }
}
