import { describe, expect, it } from 'vitest'
import { computeSessionBudget } from './computeSessionBudget.ts'
import { SettlementInvalidParamsError } from './errors.ts'

describe('computeSessionBudget', () => {
  it('default', () => {
    expect(computeSessionBudget({ appStake: 1_000_000_000n, numPendingSessions: 3n })).toBe(333_333_333n)
  })

  it('behavior: one pending session gets the whole stake; a zero stake gets nothing', () => {
    expect(computeSessionBudget({ appStake: 7n, numPendingSessions: 1n })).toBe(7n)
    expect(computeSessionBudget({ appStake: 0n, numPendingSessions: 5n })).toBe(0n)
  })

  it('error: no pending sessions or a negative stake', () => {
    expect(() => computeSessionBudget({ appStake: 1n, numPendingSessions: 0n })).toThrow(
      SettlementInvalidParamsError,
    )
    expect(() => computeSessionBudget({ appStake: -1n, numPendingSessions: 1n })).toThrow(
      SettlementInvalidParamsError,
    )
  })
})
