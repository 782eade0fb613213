import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStreamPayloadHasher } from './createStreamPayloadHasher.ts'

const sha256Hex = (text: string) => `0x${createHash('sha256').update(text, 'utf8').digest('hex')}`

describe('createStreamPayloadHasher', () => {
  it('default', () => {
    const hasher = createStreamPayloadHasher()
    hasher.update({ id: 'c1', choices: [{ delta: { content: 'Hel' }, index: 0 }] })
    hasher.update({ id: 'c1', choices: [{ delta: { content: 'lo' }, index: 0 }] })
    expect(hasher.chunkCount).toBe(2)
    expect(hasher.digest()).toBe(
      sha256Hex(
        '{"choices":[{"delta":{"content":"Hel"},"index":0}],"id":"c1"}\n' +
          '{"choices":[{"delta":{"content":"lo"},"index":0}],"id":"c1"}\n',
      ),
    )
  })

  it('behavior: an empty stream hashes the empty string', () => {
    expect(createStreamPayloadHasher().digest()).toBe(sha256Hex(''))
  })

  it('behavior: digest mid-stream equals the digest of the prefix, and the hasher carries on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        (a, b) => {
          const whole = createStreamPayloadHasher()
          const prefix = createStreamPayloadHasher()
          for (const chunk of a) {
            whole.update(chunk)
            prefix.update(chunk)
          }
          expect(whole.digest()).toBe(prefix.digest())
          for (const chunk of b) whole.update(chunk)
          const again = createStreamPayloadHasher()
          for (const chunk of [...a, ...b]) again.update(chunk)
          expect(whole.digest()).toBe(again.digest())
        },
      ),
      { numRuns: 100 },
    )
  })

  it('error: a chunk with no JCS form is rejected and not counted', () => {
    const hasher = createStreamPayloadHasher()
    expect(() => hasher.update({ x: Number.POSITIVE_INFINITY })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_JSON' }),
    )
    expect(hasher.chunkCount).toBe(0)
    expect(hasher.digest()).toBe(sha256Hex(''))
  })
})
