import { describe, expect, it } from 'vitest'
import { ExplorerInvalidRequestError, ExplorerNotFoundError } from '../../errors.ts'
import { parseAddressParam, parseBeforeParam, parseLimitParam, parseSessionParam } from './parseParams.ts'
import { toApiError } from './toApiError.ts'

describe('path parameters', () => {
  it.each([
    ['valid: mixed-case address', () => parseAddressParam(`0x${'Ab'.repeat(20)}`), `0x${'ab'.repeat(20)}`],
    ['valid: session number', () => parseSessionParam('12'), 12n],
    ['valid: limit clamped to the maximum', () => parseLimitParam('900', 50, 500), 500],
    ['valid: absent limit takes the default', () => parseLimitParam(undefined, 50, 500), 50],
  ])('%s', (_, parse, expected) => {
    expect(parse()).toEqual(expected)
  })

  it.each([
    ['invalid: short address', () => parseAddressParam('0x1234')],
    ['invalid: session 0', () => parseSessionParam('0')],
    ['invalid: session with a sign', () => parseSessionParam('-3')],
    ['invalid: limit that is not a number', () => parseLimitParam('ten', 50, 500)],
  ])('%s', (_, parse) => {
    expect(parse).toThrow(ExplorerInvalidRequestError)
    expect(() => parse()).toThrow(expect.objectContaining({ code: 'EXPLORER_INVALID_REQUEST' }))
  })
})

describe('toApiError', () => {
  it('behavior: maps codes to statuses and keeps only the short message', () => {
    expect(toApiError(new ExplorerNotFoundError({ what: 'session 0' }))).toEqual({
      status: 404,
      body: { error: { code: 'EXPLORER_NOT_FOUND', message: 'No session 0 in the indexed ledger events.' } },
    })
    expect(toApiError(new ExplorerInvalidRequestError({ parameter: 'address', reason: 'x' })).status).toBe(
      400,
    )
  })

  it('error: an unknown error becomes a bare 500', () => {
    expect(toApiError(new Error('secret detail'))).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal error.' } },
    })
  })
})

describe('parseBeforeParam', () => {
  it('behavior: absent is the newest page; a positive integer is a cursor', () => {
    expect(parseBeforeParam(undefined)).toBeUndefined()
    expect(parseBeforeParam('1200')).toBe(1200n)
  })

  it.each(['0', '-1', 'abc', '1e3', ''])('error: before=%j is EXPLORER_INVALID_REQUEST', (value) => {
    expect(() => parseBeforeParam(value)).toThrow(ExplorerInvalidRequestError)
  })
})
