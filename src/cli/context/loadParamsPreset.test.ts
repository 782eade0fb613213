import { describe, expect, it } from 'vitest'
import { ledgerParamsPresets } from '../../chain/contracts.generated.ts'
import { applyOverrides } from './loadParamsPreset.ts'

describe('applyOverrides', () => {
  it('default: the devnet preset unchanged', () => {
    const preset = applyOverrides('inline', {})
    expect(preset.numBlocksPerSession).toBe(ledgerParamsPresets.devnet.numBlocksPerSession)
    expect(preset.params).toEqual(ledgerParamsPresets.devnet.params)
  })

  it('behavior: values take the base field type (bigint or number)', () => {
    const preset = applyOverrides('inline', {
      base: 'production',
      numBlocksPerSession: '20',
      params: { targetRelaysPerSession: 4, emaAlphaNumerator: '1' },
    })
    expect(preset.numBlocksPerSession).toBe(20n)
    expect(preset.params.targetRelaysPerSession).toBe(4n)
    expect(preset.params.emaAlphaNumerator).toBe(1)
    expect(preset.params.supplierBps).toBe(ledgerParamsPresets.production.params.supplierBps)
  })

  it('error: an unknown parameter names the known ones', () => {
    expect(() => applyOverrides('f.json', { params: { targetRelays: 4 } })).toThrowError(
      expect.objectContaining({ code: 'CLI_INVALID_ARGUMENT' }),
    )
  })

  it('error: a negative or fractional value', () => {
    expect(() => applyOverrides('f.json', { params: { targetRelaysPerSession: -1 } })).toThrow(
      /Invalid --params/,
    )
    expect(() => applyOverrides('f.json', { params: { targetRelaysPerSession: 1.5 } })).toThrow(
      /Invalid --params/,
    )
  })
})
