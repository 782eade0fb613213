import { describe, expect, it } from 'vitest'
import { applyPenalties } from './applyPenalties.ts'

describe('applyPenalties', () => {
  const probabilities = new Map([
    [1, 0.5],
    [2, 0.3],
    [3, 0.2],
  ])

  it('default: tokens not generated yet keep their probability', () => {
    expect(applyPenalties(probabilities, new Map(), { frequency: 2, presence: 2 })).toEqual(probabilities)
  })

  it('behavior: frequency scales with the count, presence applies once; the result is re-sorted', () => {
    const adjusted = applyPenalties(probabilities, new Map([[1, 2]]), { frequency: 0.5, presence: 0.25 })
    expect(adjusted.get(1)).toBeCloseTo(0.5 * Math.exp(-(0.5 * 2 + 0.25)), 12)
    expect([...adjusted.keys()]).toEqual([2, 3, 1])
  })
})
