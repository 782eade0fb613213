import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatCompletionChunk, CompletionChunk } from '../openai/responseTypes.ts'
import { createEmbeddedBackend, type EmbeddedBackend } from './createEmbeddedBackend.ts'
import { getTestModel, removeTestModels } from './testModel.ts'

const messages = [{ role: 'user' as const, content: 'tell me about the river' }]
let backend: EmbeddedBackend

async function openBackend(options: Parameters<typeof getTestModel>[0] = {}, extra = {}) {
  const { path, sha256 } = await getTestModel(options)
  return createEmbeddedBackend({ modelPath: path, expectedSha256: sha256, ...extra })
}

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const chunk of chunks) all.push(chunk)
  return all
}

beforeAll(async () => {
  backend = await openBackend()
})
afterAll(async () => {
  await backend.close()
  await removeTestModels()
})

describe('createEmbeddedBackend', () => {
  it('behavior: greedy output is deterministic run to run and across a fresh load', async () => {
    const request = { messages, temperature: 0, max_tokens: 24, logprobs: true, top_logprobs: 3 }
    const first = await backend.chatCompletion(request)
    const second = await backend.chatCompletion(request)
    const reloaded = await openBackend()
    const third = await reloaded.chatCompletion(request)
    await reloaded.close()
    expect(first.choices[0]!.message.content.length).toBeGreaterThan(0)
    expect(second.choices).toEqual(first.choices)
    expect(third.choices).toEqual(first.choices)
  })

  it('behavior: two seeds are two different models', async () => {
    const other = await openBackend({ seed: 43 })
    const request = { prompt: 'the river', temperature: 0, max_tokens: 16 }
    const [a, b] = [await backend.completion(request), await other.completion(request)]
    await other.close()
    expect(a.choices[0]!.text).not.toBe(b.choices[0]!.text)
  })

  it('behavior: Q8_0 and Q4_0 models load, run, and stay close to the F16 model', async () => {
    const request = { prompt: 'the river', temperature: 0, max_tokens: 8, logprobs: 5 }
    const reference = (await backend.completion(request)).choices[0]!.logprobs!.token_logprobs[0]!
    for (const dtype of ['q8_0', 'q4_0'] as const) {
      const quantised = await openBackend({ dtype })
      const answer = await quantised.completion(request)
      await quantised.close()
      expect(answer.usage!.completion_tokens).toBe(8)
      expect(Math.abs(answer.choices[0]!.logprobs!.token_logprobs[0]! - reference)).toBeLessThan(0.2)
    }
  })

  it('behavior: logprobs are sane: sorted alternatives, total probability ≤ 1, chosen token matches', async () => {
    const answer = await backend.chatCompletion({
      messages,
      temperature: 0,
      max_tokens: 12,
      logprobs: true,
      top_logprobs: 5,
    })
    const content = answer.choices[0]!.logprobs!.content
    expect(content).toHaveLength(answer.usage.completion_tokens)
    for (const entry of content) {
      const logprobs = entry.top_logprobs.map((t) => t.logprob)
      expect(logprobs).toEqual([...logprobs].sort((a, b) => b - a))
      expect(logprobs.reduce((sum, l) => sum + Math.exp(l), 0)).toBeLessThanOrEqual(1 + 1e-9)
      // Greedy: the chosen token is the most likely one, with the same logprob.
      expect(entry.top_logprobs[0]).toEqual({
        token: entry.token,
        logprob: entry.logprob,
        bytes: entry.bytes,
      })
      expect(entry.logprob).toBeLessThan(0)
    }
    const text = content.map((entry) => entry.token).join('')
    expect(text.slice(1)).toBe(answer.choices[0]!.message.content)
  })

  it('behavior: streamed chunks concatenate to the non-streaming answer (greedy), usage last', async () => {
    const chat = { messages, temperature: 0, max_tokens: 20 }
    const whole = await backend.chatCompletion(chat)
    const chunks: ChatCompletionChunk[] = await collect(backend.streamChatCompletion(chat))
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      whole.choices[0]!.message.content,
    )
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant')
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('length')
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage })

    const text = { prompt: 'the river', temperature: 0, max_tokens: 20 }
    const completion = await backend.completion(text)
    const textChunks: CompletionChunk[] = await collect(backend.streamCompletion(text))
    expect(textChunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe(completion.choices[0]!.text)
  })

  it('behavior: usage counts equal re-tokenisation counts', async () => {
    const answer = await backend.chatCompletion({ messages, temperature: 0, max_tokens: 30 })
    expect(answer.usage.prompt_tokens).toBe(backend.tokenize(backend.renderChatPrompt(messages)).length)
    expect(answer.usage.completion_tokens).toBe(
      backend.tokenize(answer.choices[0]!.message.content, { addBos: false }).length,
    )
    expect(answer.usage.total_tokens).toBe(answer.usage.prompt_tokens + answer.usage.completion_tokens)
  })

  it('behavior: max_tokens and max_completion_tokens are respected', async () => {
    const short = await backend.completion({ prompt: 'the', temperature: 0, max_tokens: 5 })
    expect(short.usage!.completion_tokens).toBe(5)
    expect(short.choices[0]!.finish_reason).toBe('length')
    const chat = await backend.chatCompletion({
      messages,
      temperature: 0.7,
      seed: 1,
      max_completion_tokens: 3,
    })
    expect(chat.usage.completion_tokens).toBe(3)
  })

  it('behavior: a stop sequence ends the output before it, streamed or not', async () => {
    const request = { prompt: 'the river', temperature: 0, max_tokens: 30 }
    const full = (await backend.completion(request)).choices[0]!.text
    const stop = full.split(' ').slice(0, 4).join(' ').slice(-3)
    const expected = full.slice(0, full.indexOf(stop))
    const stopped = await backend.completion({ ...request, stop })
    expect(stopped.choices[0]).toMatchObject({ text: expected, finish_reason: 'stop' })
    const chunks = await collect(backend.streamCompletion({ ...request, stop: [stop, 'zzz'] }))
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe(expected)
  })

  it('behavior: seeded sampling is reproducible, and different seeds sample differently', async () => {
    const request = { messages, temperature: 1, top_p: 0.9, max_tokens: 16 }
    const a = await backend.chatCompletion({ ...request, seed: 7 })
    const b = await backend.chatCompletion({ ...request, seed: 7 })
    const c = await backend.chatCompletion({ ...request, seed: 8 })
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content)
    expect(c.choices[0]!.message.content).not.toBe(a.choices[0]!.message.content)
  })

  it('behavior: scoring an answer: the model that wrote it agrees, another seed does not', async () => {
    const answer = await backend.chatCompletion({ messages, temperature: 0, max_tokens: 32, logprobs: true })
    const content = answer.choices[0]!.message.content
    const honest = await backend.scoreChatAnswer({ messages, content, topLogprobs: 2 })
    expect(honest.tokens).toHaveLength(answer.usage.completion_tokens)
    expect(honest.argmaxAgreement).toBeGreaterThanOrEqual(0.95)
    honest.tokens.forEach((scored, i) => {
      // Batched scoring is not bitwise equal to token-by-token decoding: compare with a tolerance.
      expect(Math.abs(scored.logprob - answer.choices[0]!.logprobs!.content[i]!.logprob)).toBeLessThan(0.01)
    })
    const impostor = await openBackend({ seed: 43 })
    const wrong = await impostor.scoreChatAnswer({ messages, content })
    await impostor.close()
    expect(wrong.argmaxAgreement).toBeLessThan(0.2)
    expect(wrong.meanLogprob).toBeLessThan(honest.meanLogprob - 1)
  })

  it('behavior: frequency and presence penalties break greedy loops', async () => {
    const request = { prompt: 'the river', temperature: 0, max_tokens: 40 }
    const distinct = (text: string) => new Set(text.trim().split(/\s+/)).size
    const plain = await backend.completion(request)
    const penalised = await backend.completion({ ...request, frequency_penalty: 1, presence_penalty: 0.5 })
    expect(distinct(penalised.choices[0]!.text)).toBeGreaterThan(distinct(plain.choices[0]!.text))
  })

  it('behavior: parallel requests all complete (two decode together, the third waits)', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map((seed) => backend.chatCompletion({ messages, seed, max_tokens: 12 })),
    )
    for (const answer of answers) expect(answer.usage.completion_tokens).toBe(12)
  })

  it('behavior: an EOS bias lets answers end with finish_reason stop', async () => {
    const ending = await openBackend({ eosBias: 3 })
    const answer = await ending.chatCompletion({ messages, temperature: 0, max_tokens: 200 })
    await ending.close()
    expect(answer.choices[0]!.finish_reason).toBe('stop')
    expect(answer.usage.completion_tokens).toBeLessThan(200)
  })

  it('behavior: an abort stops the stream and frees the sequence', async () => {
    const controller = new AbortController()
    const stream = backend.streamChatCompletion({ messages, max_tokens: 200 }, { signal: controller.signal })
    const seen: ChatCompletionChunk[] = []
    await expect(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk)
          if (seen.length === 3) controller.abort()
        }
      })(),
    ).rejects.toMatchObject({ code: 'INFERENCE_ABORTED' })
    const after = await Promise.all([1, 2].map(() => backend.completion({ prompt: 'a', max_tokens: 2 })))
    expect(after).toHaveLength(2)
  })

  it('error: the queue is full', async () => {
    const narrow = await openBackend({}, { parallelSequences: 1, maxQueuedRequests: 0 })
    const running = narrow.streamCompletion({ prompt: 'the', max_tokens: 50 })[Symbol.asyncIterator]()
    await running.next()
    await expect(narrow.completion({ prompt: 'the', max_tokens: 2 })).rejects.toMatchObject({
      code: 'INFERENCE_BACKEND_BUSY',
    })
    await running.return?.()
    await narrow.close()
    await expect(narrow.completion({ prompt: 'the' })).rejects.toMatchObject({
      code: 'INFERENCE_BACKEND_CLOSED',
    })
  })

  it('behavior: close() ends running generations with INFERENCE_BACKEND_CLOSED and frees the model', async () => {
    const closing = await openBackend()
    const running = closing.streamChatCompletion({ messages, max_tokens: 500 })[Symbol.asyncIterator]()
    await running.next()
    await Promise.all([
      closing.close(),
      expect(
        (async () => {
          for (;;) if ((await running.next()).done) return
        })(),
      ).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_CLOSED' }),
    ])
  })

  it('error: invalid requests and prompts longer than the context', async () => {
    const invalid = { code: 'INFERENCE_INVALID_REQUEST' }
    await expect(backend.chatCompletion({ messages, temperature: 3 })).rejects.toMatchObject(invalid)
    await expect(backend.chatCompletion({ messages: [] })).rejects.toMatchObject(invalid)
    await expect(backend.chatCompletion({ messages, n: 2 } as never)).rejects.toMatchObject(invalid)
    await expect(backend.completion({ prompt: 'x', logprobs: 6 })).rejects.toMatchObject(invalid)
    const long = 'river '.repeat(backend.contextSize)
    await expect(backend.completion({ prompt: long })).rejects.toMatchObject({
      code: 'INFERENCE_CONTEXT_OVERFLOW',
    })
    await expect(backend.embeddings({ input: 'x' })).rejects.toMatchObject({ code: 'INFERENCE_UNSUPPORTED' })
  })

  it('error: a model file whose sha256 differs from the registered one is refused', async () => {
    const { path } = await getTestModel()
    const { sha256: other } = await getTestModel({ seed: 43 })
    await expect(createEmbeddedBackend({ modelPath: path, expectedSha256: other })).rejects.toMatchObject({
      code: 'INFERENCE_MODEL_HASH_MISMATCH',
    })
  })
})
