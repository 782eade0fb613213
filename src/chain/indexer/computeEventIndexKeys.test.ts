import { keccak256, stringToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { computeEventIndexKeys, computeFilterIndexKeys } from './computeEventIndexKeys.ts'
import { matchesEventFilter } from './matchesEventFilter.ts'
import type { DecaiEvent } from './types.ts'

const serviceKey = keccak256(stringToBytes('Llama-Tiny'))
const event: DecaiEvent = {
  id: '7:0',
  blockNumber: 7n,
  blockHash: '0x01',
  logIndex: 0,
  transactionHash: '0x02',
  transactionIndex: 0,
  contract: 'Claims',
  address: '0x0000000000000000000000000000000000000001',
  eventName: 'ClaimCreated',
  args: {
    claimKey: '0xC1',
    supplierOperator: '0x00000000000000000000000000000000000000Aa',
    session: 3n,
    header: {
      application: '0x00000000000000000000000000000000000000Bb',
      serviceId: 'Llama-Tiny',
      sessionId: '0xABCD',
    },
    root: '0x00',
  },
}

describe('computeEventIndexKeys', () => {
  it('default: one key per protocol noun (including a struct one level down), plus type and contract', () => {
    expect(computeEventIndexKeys(event)).toEqual([
      'claim:0xc1',
      'supplier:0x00000000000000000000000000000000000000aa',
      'session:3',
      'application:0x00000000000000000000000000000000000000bb',
      `service:${serviceKey}`,
      'sessionId:0xabcd',
      'type:ClaimCreated',
      'contract:Claims',
    ])
  })

  it('behavior: a service key and its service id give the same key', () => {
    const byKey = computeEventIndexKeys({
      ...event,
      args: { serviceKey: serviceKey.toUpperCase().replace('0X', '0x') },
    })
    expect(byKey[0]).toBe(`service:${serviceKey}`)
  })

  it('args: a custom argument-name table', () => {
    expect(computeEventIndexKeys({ ...event, args: { gw: '0xAB' } }, { gw: 'gateway' })[0]).toBe(
      'gateway:0xab',
    )
    expect(computeEventIndexKeys({ ...event, args: { session: '0x01' } })).toEqual([
      'type:ClaimCreated',
      'contract:Claims',
    ])
  })

  it('behavior: filters map to the same keys', () => {
    expect(
      computeFilterIndexKeys({
        supplier: '0x00000000000000000000000000000000000000AA',
        eventName: 'X',
        session: 3n,
      }),
    ).toEqual(['session:3', 'supplier:0x00000000000000000000000000000000000000aa', 'type:X'])
    expect(computeFilterIndexKeys({ eventName: ['A', 'B'] })).toEqual([])
  })
})

describe('matchesEventFilter', () => {
  it.each([
    ['empty filter', {}, true],
    ['session number', { session: 3n }, true],
    ['other session number', { session: 4n }, false],
    ['session id, any case', { sessionId: '0xabcd' }, true],
    ['service by id', { service: 'Llama-Tiny' }, true],
    ['service ids are case-sensitive', { service: 'llama-tiny' }, false],
    ['service by key', { service: serviceKey }, true],
    ['application inside the header', { application: '0x00000000000000000000000000000000000000BB' }, true],
    ['claim key', { claim: '0xc1' }, true],
    ['one of several names', { eventName: ['ProofAccepted', 'ClaimCreated'] }, true],
    ['none of several names', { eventName: ['ProofAccepted'] }, false],
    ['inside the block range', { fromBlock: 7n, toBlock: 7n }, true],
    ['before the range', { fromBlock: 8n }, false],
    ['after the range', { toBlock: 6n }, false],
    ['wrong contract', { contract: 'Suppliers' }, false],
  ] as const)('behavior: %s', (_name, filter, expected) => {
    expect(matchesEventFilter(event, filter as Parameters<typeof matchesEventFilter>[1])).toBe(expected)
  })
})
