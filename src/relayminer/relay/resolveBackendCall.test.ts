import { describe, expect, it } from 'vitest'
import { resolveBackendCall } from './resolveBackendCall.ts'

const messages = [{ role: 'user', content: 'hi' }]
const chat = (body: object) => ({
  method: 'post',
  path: '/v1/chat/completions?x=1',
  body: { messages, ...body },
})

describe('resolveBackendCall', () => {
  it('default: a request without a limit gets exactly the signed bound', () => {
    expect(resolveBackendCall(chat({}), { maxOutputTokens: 7 })).toMatchObject({
      operation: 'chat',
      isStream: false,
      body: { max_tokens: 7 },
    })
  })

  it('behavior: streams ask the backend for usage but forward it only when asked', () => {
    const plain = resolveBackendCall(chat({ stream: true }), { maxOutputTokens: 7 })
    expect(plain).toMatchObject({
      isStream: true,
      shouldForwardUsage: false,
      body: { stream_options: { include_usage: true } },
    })
    const asked = resolveBackendCall(chat({ stream: true, stream_options: { include_usage: true } }), {
      maxOutputTokens: 7,
    })
    expect(asked.shouldForwardUsage).toBe(true)
  })

  it('behavior: max_completion_tokens is honoured and bounded; completions and embeddings are routed', () => {
    expect(resolveBackendCall(chat({ max_completion_tokens: 3 }), { maxOutputTokens: 7 }).body).toMatchObject(
      { max_completion_tokens: 3 },
    )
    expect(
      resolveBackendCall(
        { method: 'POST', path: '/v1/completions', body: { prompt: 'x' } },
        { maxOutputTokens: 2 },
      ),
    ).toMatchObject({ operation: 'completion', body: { max_tokens: 2 } })
    expect(
      resolveBackendCall(
        { method: 'POST', path: '/v1/embeddings', body: { input: 'x' } },
        { maxOutputTokens: 0 },
      ).operation,
    ).toBe('embeddings')
  })

  it.each([
    ['a GET', { method: 'GET', path: '/v1/chat/completions' }, 'RELAYMINER_UNSUPPORTED_ENDPOINT'],
    ['another path', { method: 'POST', path: '/v1/images', body: {} }, 'RELAYMINER_UNSUPPORTED_ENDPOINT'],
    ['max_tokens above the bound', chat({ max_tokens: 8 }), 'RELAYMINER_BOUNDS_EXCEEDED'],
    ['a zero bound for a generation', chat({}), 'RELAYMINER_BOUNDS_EXCEEDED'],
    [
      'an invalid body',
      { method: 'POST', path: '/v1/chat/completions', body: { messages: 'x' } },
      'INFERENCE_INVALID_REQUEST',
    ],
  ])('error: %s', (name, payload, code) => {
    const bound = name === 'a zero bound for a generation' ? 0 : 7
    expect(() => resolveBackendCall(payload, { maxOutputTokens: bound })).toThrow(
      expect.objectContaining({ code }),
    )
  })
})
