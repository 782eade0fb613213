import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { keccak256 as viemKeccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../bytes/bytes.ts'
import { keccak256, keccak256Implementation, keccak256Js } from './keccak256.ts'

const require = createRequire(import.meta.url)
const hasPrebuild = existsSync(
  join(dirname(require.resolve('keccak/package.json')), 'prebuilds', `${process.platform}-${process.arch}`),
)

describe('keccak256', () => {
  it('default', () => {
    expect(bytesToHex(keccak256(new Uint8Array(0)))).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    )
    expect(bytesToHex(keccak256(new TextEncoder().encode('abc')))).toBe(
      '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
    )
  })

  // Where the package ships a prebuilt addon (x64 Linux, macOS, Windows) a fallback would be a silent slowdown.
  it.runIf(hasPrebuild)(
    'behavior: the native addon is loaded (the pure-JS fallback is 3–6× slower on the relay path)',
    () => {
      expect(keccak256Implementation).toBe('native')
    },
  )

  it('behavior: equals viem and js-sha3 on every length around the 136-byte rate, views included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(8), (bytes, offset) => {
        const view = new Uint8Array(offset + bytes.length).fill(0xaa).subarray(offset)
        view.set(bytes)
        const expected = viemKeccak256(bytes)
        expect(bytesToHex(keccak256(view))).toBe(expected)
        expect(bytesToHex(keccak256(Buffer.from(bytes)))).toBe(expected)
        expect(bytesToHex(keccak256Js(bytes))).toBe(expected)
      }),
      { numRuns: 400 },
    )
  })

  it('behavior: returns a fresh plain Uint8Array each time (callers may keep digests)', () => {
    const a = keccak256(new Uint8Array([1]))
    const b = keccak256(new Uint8Array([2]))
    expect(a).toBeInstanceOf(Uint8Array)
    expect(Buffer.isBuffer(a)).toBe(false)
    expect(a.length).toBe(32)
    expect(bytesToHex(a)).not.toBe(bytesToHex(b))
    expect(bytesToHex(a)).toBe(viemKeccak256(new Uint8Array([1])))
  })
})
