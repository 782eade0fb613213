import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashRequestPayload } from './hashRequestPayload.ts'

const sha256Hex = (text: string) => `0x${createHash('sha256').update(text, 'utf8').digest('hex')}`

const body = { model: 'llama-tiny', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 16 }

describe('hashRequestPayload', () => {
  it('default', () => {
    expect(hashRequestPayload({ method: 'POST', path: '/v1/chat/completions', body })).toBe(
      sha256Hex(
        '{"body":{"max_tokens":16,"messages":[{"content":"Hi","role":"user"}],"model":"llama-tiny"},' +
          '"method":"POST","path":"/v1/chat/completions"}',
      ),
    )
  })

  it('behavior: independent of key order and whitespace of the received body', () => {
    const reordered = JSON.parse(
      '{ "max_tokens" : 16, "messages":[{"content":"Hi","role":"user"}], "model":"llama-tiny" }',
    )
    const a = hashRequestPayload({ method: 'POST', path: '/v1/chat/completions', body })
    expect(hashRequestPayload({ method: 'POST', path: '/v1/chat/completions', body: reordered })).toBe(a)
  })

  it('behavior: JSON re-serialisation never changes the hash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reparsed = JSON.parse(JSON.stringify(value, null, 1))
        expect(hashRequestPayload({ method: 'POST', path: '/x', body: reparsed })).toBe(
          hashRequestPayload({ method: 'POST', path: '/x', body: value }),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('behavior: method is upper-cased and the query string dropped', () => {
    const a = hashRequestPayload({ method: 'POST', path: '/v1/completions', body })
    expect(hashRequestPayload({ method: 'post', path: '/v1/completions?stream=true', body })).toBe(a)
    expect(hashRequestPayload({ method: 'POST', path: '/v1/completions#frag', body })).toBe(a)
  })

  it('behavior: an absent body hashes as null', () => {
    expect(hashRequestPayload({ method: 'GET', path: '/v1/models' })).toBe(
      sha256Hex('{"body":null,"method":"GET","path":"/v1/models"}'),
    )
  })

  it('behavior: numbers follow JCS (ECMAScript Number#toString)', () => {
    const hash = (value: unknown) => hashRequestPayload({ method: 'POST', path: '/', body: value })
    expect(hash(JSON.parse('1.0'))).toBe(hash(1))
    expect(hash(JSON.parse('-0'))).toBe(hash(0))
    expect(hash(1e21)).toBe(sha256Hex('{"body":1e+21,"method":"POST","path":"/"}'))
    expect(hash(0.000001)).toBe(sha256Hex('{"body":0.000001,"method":"POST","path":"/"}'))
    expect(hash(1e-7)).toBe(sha256Hex('{"body":1e-7,"method":"POST","path":"/"}'))
    // beyond 2^53 JSON.parse rounds, so both spellings are one double and one hash
    expect(hash(JSON.parse('9007199254740993'))).toBe(hash(9007199254740992))
  })

  it('behavior: strings are hashed as UTF-8 with JSON escapes only where JCS requires', () => {
    expect(hashRequestPayload({ method: 'POST', path: '/', body: 'é\u0001"🦙' })).toBe(
      sha256Hex('{"body":"é\\u0001\\"🦙","method":"POST","path":"/"}'),
    )
  })

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint', 1n],
    ['a lone surrogate', 'a\ud800'],
  ])('error: a body containing %s', (_name, value) => {
    expect(() => hashRequestPayload({ method: 'POST', path: '/', body: { value } })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_JSON' }),
    )
  })

  it('error: a cycle', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => hashRequestPayload({ method: 'POST', path: '/', body: cyclic })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_JSON' }),
    )
  })

  it('error: method or path not a string', () => {
    expect(() => hashRequestPayload({ method: '', path: '/' })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
    expect(() => hashRequestPayload({ method: 'GET', path: 1 as unknown as string })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
  })
})
