import { encodeAbiParameters, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../bytes/bytes.ts'
import { computeMembershipHash } from './computeMembershipHash.ts'

const sessionId = '0xfea5d6f7544ff6d8af5c22529b2ccf01ed7930b3d454d42dda5ccc0b65b6ebfd'
const supplierOperator = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'

/** Solidity's keccak256(abi.encode(bytes32, address)) through viem's ABI encoder. */
const viaViem = (id: Hex, address: Hex) =>
  keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'address' }], [id, address]))

describe('computeMembershipHash', () => {
  it('default', () => {
    expect(computeMembershipHash({ sessionId, supplierOperator })).toBe(viaViem(sessionId, supplierOperator))
  })

  it('behavior: byte-identical to keccak256(abi.encode(bytes32, address)) for many inputs', () => {
    for (let i = 0; i < 50; i++) {
      const id = keccak256(`0x${i.toString(16).padStart(2, '0')}`)
      const address = `0x${keccak256(id).slice(26)}` as Hex
      expect(computeMembershipHash({ sessionId: id, supplierOperator: address })).toBe(viaViem(id, address))
    }
  })

  it('behavior: address case does not matter', () => {
    expect(
      computeMembershipHash({ sessionId, supplierOperator: supplierOperator.toLowerCase() as Hex }),
    ).toBe(computeMembershipHash({ sessionId, supplierOperator }))
  })

  it('error: malformed session id or supplier', () => {
    expect(() => computeMembershipHash({ sessionId: '0x1234', supplierOperator })).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_SESSION_ID' }),
    )
    expect(() => computeMembershipHash({ sessionId, supplierOperator: '0x1234' })).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_SUPPLIER' }),
    )
  })
})
