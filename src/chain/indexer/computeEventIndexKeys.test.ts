import { describe, expect, it } from 'vitest'
import { computeEventIndexKeys, computeFilterIndexKeys } from './computeEventIndexKeys.ts'
import { matchesEventFilter } from './matchesEventFilter.ts'
import type { DecaiEvent } from './types.ts'

const event: DecaiEvent = {
  id: '7:0',
  blockNumber: 7n,
  blockHash: '0x01',
  logIndex: 0,
  transactionHash: '0x02',
  transactionIndex: 0,
  contract: 'Claims',
  address: '0x0000000000000000000000000000000000000001',
  eventName: 'ClaimSubmitted',
  args: {
    sessionId: '0xABCD',
    supplier: '0x00000000000000000000000000000000000000Aa',
    serviceId: 'Llama-Tiny',
    sum: 5n,
  },
}

describe('computeEventIndexKeys', () => {
  it('default: one key per protocol noun, plus type and contract, lower-cased except service ids', () => {
    expect(computeEventIndexKeys(event)).toEqual([
      'session:0xabcd',
      'supplier:0x00000000000000000000000000000000000000aa',
      'service:Llama-Tiny',
      'type:ClaimSubmitted',
      'contract:Claims',
    ])
  })

  it('args: a custom argument-name table', () => {
    expect(computeEventIndexKeys(event, { sum: 'gateway' })).toEqual([
      'type:ClaimSubmitted',
      'contract:Claims',
    ])
    expect(computeEventIndexKeys({ ...event, args: { gw: '0xAB' } }, { gw: 'gateway' })[0]).toBe(
      'gateway:0xab',
    )
  })

  it('behavior: filters map to the same keys', () => {
    expect(
      computeFilterIndexKeys({ supplier: '0x00000000000000000000000000000000000000AA', eventName: 'X' }),
    ).toEqual(['supplier:0x00000000000000000000000000000000000000aa', 'type:X'])
    expect(computeFilterIndexKeys({ eventName: ['A', 'B'] })).toEqual([])
  })
})

describe('matchesEventFilter', () => {
  it.each([
    ['empty filter', {}, true],
    ['session, any case', { session: '0xabcd' }, true],
    ['other session', { session: '0xabce' }, false],
    ['service is case-sensitive', { service: 'llama-tiny' }, false],
    ['one of several names', { eventName: ['ProofSubmitted', 'ClaimSubmitted'] }, true],
    ['none of several names', { eventName: ['ProofSubmitted'] }, false],
    ['inside the block range', { fromBlock: 7n, toBlock: 7n }, true],
    ['before the range', { fromBlock: 8n }, false],
    ['after the range', { toBlock: 6n }, false],
    ['wrong contract', { contract: 'Staking' }, false],
  ] as const)('behavior: %s', (_name, filter, expected) => {
    expect(matchesEventFilter(event, filter as Parameters<typeof matchesEventFilter>[1])).toBe(expected)
  })
})
