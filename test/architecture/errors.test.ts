import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { errorCodes } from '../../src/protocol/errors/codes.ts'

function leaves(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Object.values(value as object).flatMap(leaves)
}

describe('error catalogue', () => {
  const codes = leaves(errorCodes)

  it('behavior: every code is unique and namespaced by its section', () => {
    expect(new Set(codes).size).toBe(codes.length)
    for (const [section, entries] of Object.entries(errorCodes)) {
      for (const code of leaves(entries)) expect(code.startsWith(`${section}_`)).toBe(true)
    }
  })

  it('behavior: every code is documented in docs/errors.md', () => {
    const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
    expect(codes.filter((code) => !docs.includes(`\`${code}\``))).toEqual([])
  })
})
