import { hashMessage, recoverMessageAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../relay/canonicalJson.ts'
import { privateKeyToAddress } from '../signature/privateKeyToAddress.ts'
import { hashSupplierObjectives } from './hashSupplierObjectives.ts'
import { signSupplierObjectives } from './signSupplierObjectives.ts'
import type { SupplierObjectives } from './types.ts'
import { verifySupplierObjectives } from './verifySupplierObjectives.ts'

const key = `0x${'42'.repeat(32)}` as const
const supplier = privateKeyToAddress(key)
const objectives: SupplierObjectives = {
  version: 1,
  supplier,
  services: { 'llama-tiny': { ttftP90Ms: 800, tpotP90Ms: 40, maxErrorRate: 0.01 } },
  issuedAt: 1_700_000_000_000,
}

describe('signSupplierObjectives', () => {
  it("default: the digest is EIP-191's over the tagged canonical JSON (a wallet's personal_sign)", async () => {
    const message = `decai-supplier-objectives/1\n${canonicalJson(objectives, 'objectives')}`
    expect(hashSupplierObjectives(objectives)).toBe(hashMessage(message))
    const signed = signSupplierObjectives(objectives, key)
    expect((await recoverMessageAddress({ message, signature: signed.signature })).toLowerCase()).toBe(
      supplier,
    )
  })

  it('behavior: verifies for the supplier it names, not for another or once changed', () => {
    const signed = signSupplierObjectives(objectives, key)
    expect(verifySupplierObjectives(signed, supplier)).toBe(true)
    expect(verifySupplierObjectives(signed, `0x${'ab'.repeat(20)}`)).toBe(false)
    const loosened = { ...objectives, services: { 'llama-tiny': { ttftP90Ms: 8_000 } } }
    expect(verifySupplierObjectives({ ...signed, objectives: loosened }, supplier)).toBe(false)
    expect(verifySupplierObjectives({ ...signed, signature: '0x1234' }, supplier)).toBe(false)
  })
})
