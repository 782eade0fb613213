import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashResponsePayload } from './hashResponsePayload.ts'

const sha256Hex = (text: string) => `0x${createHash('sha256').update(text, 'utf8').digest('hex')}`

describe('hashResponsePayload', () => {
  it('default', () => {
    const body = { id: 'chatcmpl-1', object: 'chat.completion', choices: [], usage: { prompt_tokens: 3 } }
    expect(hashResponsePayload({ status: 200, body })).toBe(
      sha256Hex(
        '{"body":{"choices":[],"id":"chatcmpl-1","object":"chat.completion","usage":{"prompt_tokens":3}},"status":200}',
      ),
    )
  })

  it('behavior: the status is part of the hash', () => {
    const body = { error: { message: 'x' } }
    expect(hashResponsePayload({ status: 500, body })).not.toBe(hashResponsePayload({ status: 200, body }))
  })

  it('behavior: an absent body hashes as null', () => {
    expect(hashResponsePayload({ status: 204 })).toBe(sha256Hex('{"body":null,"status":204}'))
  })

  it('error: a status that is not a uint16', () => {
    for (const status of [-1, 65536, 200.5, Number.NaN])
      expect(() => hashResponsePayload({ status, body: null })).toThrow(
        expect.objectContaining({ code: 'ENCODING_INTEGER_OUT_OF_RANGE' }),
      )
  })

  it('error: a body with no JCS form', () => {
    expect(() => hashResponsePayload({ status: 200, body: { x: Number.NaN } })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_JSON' }),
    )
  })
})
