import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonicalJson.ts'

// What the package gives, or its refusal, as one comparable value (a top-level value with no JSON form
// gives undefined there, an error here: canonicalJson has always refused it).
function packageOutcome(value: unknown): { text?: string; threw?: true } {
  try {
    const text = canonicalize(value)
    return text === undefined ? { threw: true } : { text }
  } catch {
    return { threw: true }
  }
}

function ourOutcome(value: unknown): { text?: string; threw?: true } {
  try {
    return { text: canonicalJson(value, 'test') }
  } catch (error) {
    expect(error).toMatchObject({ code: 'ENCODING_INVALID_JSON' })
    return { threw: true }
  }
}

// Strings over every UTF-16 code unit, lone surrogates included.
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })

describe('canonicalJson', () => {
  it('default', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: 1e21, c: -0 } }, 'f')).toBe(
      '{"a":{"c":0,"d":1e+21},"b":[1,"x",null,true]}',
    )
  })

  it('behavior: the same text as the canonicalize package on JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value, 'f')).toBe(canonicalize(value))
      }),
      { numRuns: 500 },
    )
  })

  it('behavior: the same text or the same refusal as the package on any value', () => {
    const keyed = fc.dictionary(anyString, fc.anything({ withBigInt: true, withNullPrototype: true }))
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withBigInt: true,
            withBoxedValues: true,
            withDate: true,
            withMap: true,
            withNullPrototype: true,
            withObjectString: true,
            withSet: true,
            withSparseArray: true,
            withTypedArray: true,
            withUnicodeString: true,
          }),
          keyed,
          fc.array(fc.oneof(anyString, fc.double(), fc.constant(undefined))),
        ),
        (value) => {
          expect(ourOutcome(value)).toEqual(packageOutcome(value))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('behavior: key order is UTF-16 code-unit order for small and large objects', () => {
    const keys = ['b', 'a', 'é', 'Z', '\ud83d\ude00', '\uffff', '10', '9', '', 'aa', 'a\u0000']
    for (const count of [keys.length, 40]) {
      const object = Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`${keys[i % keys.length]}${i >= keys.length ? i : ''}`, i]),
      )
      expect(canonicalJson(object, 'f')).toBe(canonicalize(object))
    }
  })

  it('behavior: edge cases follow the package', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    let deep: unknown = 1
    for (let i = 0; i < 300; i++) deep = [deep]
    const cases: unknown[] = [
      'lone \ud800 surrogate',
      { '\udc00': 1 },
      { '\udc00': undefined },
      'pair \ud83d\ude00 ok',
      [undefined, Symbol('s'), 1],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
      [, 1],
      { a: undefined, b: Symbol('s'), c: () => 1 },
      [() => 1],
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      new Date(0),
      { toJSON: () => ({ z: 1, a: 2 }) },
      deep,
      cyclic,
      undefined,
    ]
    for (const value of cases) expect(ourOutcome(value)).toEqual(packageOutcome(value))
  })
})
