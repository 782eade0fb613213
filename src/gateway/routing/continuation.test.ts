import { describe, expect, it } from 'vitest'
import { buildContinuationPayload, completionChunkToChat } from './continuation.ts'

describe('buildContinuationPayload', () => {
  it('default: a chat resumes as a completion of the plain template plus the text sent, with what the bound leaves', () => {
    const payload = buildContinuationPayload(
      {
        kind: 'chat',
        model: 'gpt-4o-mini',
        includeUsage: false,
        body: {
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Hi' },
          ],
          temperature: 0,
          stop: ['\n'],
          logprobs: true,
          top_logprobs: 8,
          seed: 7,
        },
      },
      'llama-tiny',
      'Hello there',
      40,
    )
    expect(payload).toEqual({
      method: 'POST',
      path: '/v1/completions',
      body: {
        model: 'llama-tiny',
        prompt: 'system: Be brief.\nuser: Hi\nassistant: Hello there',
        max_tokens: 40,
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0,
        seed: 7,
        stop: ['\n'],
        logprobs: 5, // legacy completions allow at most 5
      },
    })
  })

  it('behavior: nothing sent yet resumes right after "assistant:"; a completion resumes after its prompt', () => {
    const chat = buildContinuationPayload(
      {
        kind: 'chat',
        model: 'm',
        includeUsage: false,
        body: { messages: [{ role: 'user', content: 'Hi' }] },
      },
      's',
      '',
      0,
    )
    expect(chat.body).toMatchObject({ prompt: 'user: Hi\nassistant:', max_tokens: 1 })
    const legacy = buildContinuationPayload(
      { kind: 'completion', model: 'm', includeUsage: false, body: { prompt: ['Once'] } },
      's',
      ' upon',
      3,
    )
    expect(legacy.body).toMatchObject({ prompt: 'Once upon' })
  })
})

describe('completionChunkToChat', () => {
  it('default: text becomes delta content, legacy logprobs become chat logprobs', () => {
    const chunk = completionChunkToChat(
      {
        id: 'cmpl-1',
        object: 'text_completion',
        choices: [
          {
            index: 0,
            text: ' sea',
            finish_reason: null,
            logprobs: {
              tokens: [' sea'],
              token_logprobs: [-0.5],
              top_logprobs: [{ ' sea': -0.5, ' sky': -1.5 }],
            },
          },
        ],
      },
      false,
    )
    expect(chunk).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [
        {
          index: 0,
          delta: { content: ' sea' },
          finish_reason: null,
          logprobs: {
            content: [
              {
                token: ' sea',
                logprob: -0.5,
                bytes: null,
                top_logprobs: [
                  { token: ' sea', logprob: -0.5 },
                  { token: ' sky', logprob: -1.5 },
                ],
              },
            ],
          },
        },
      ],
    })
  })

  it('behavior: the first resumed text loses the space the chat template puts after "assistant:"', () => {
    const chunk = completionChunkToChat(
      { choices: [{ index: 0, text: ' Hello', finish_reason: null }] },
      true,
    )
    expect(chunk.choices?.[0]).toMatchObject({ delta: { content: 'Hello' } })
  })
})
