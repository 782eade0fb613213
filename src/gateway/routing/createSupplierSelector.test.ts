import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SessionSupplier } from '../ports.ts'
import { createSupplierScores } from './createSupplierScores.ts'
import { createSupplierSelector } from './createSupplierSelector.ts'

const supplier = (n: number, owner = n): SessionSupplier => ({
  operator: `0x${n.toString(16).padStart(40, '0')}` as Hex,
  endpoint: `http://supplier-${n}`,
  owner: `0x${owner.toString(16).padStart(40, 'f')}` as Hex,
})
const none = { operators: new Set<Hex>(), owners: new Set<Hex>() }
const service = 'llama-tiny'

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('createSupplierSelector', () => {
  it('behavior: better scores get most first picks, worse ones still a trickle (their way back)', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const [good, bad] = [supplier(1), supplier(2)]
    for (let i = 0; i < 10; i++) scores.recordSuccess(good.operator, { ttftMs: 50 })
    for (let i = 0; i < 3; i++) scores.recordFailure(bad.operator, 'supplier_error')
    const selector = createSupplierSelector({ scores, operatorShareCap: 1, random: seeded(7) })
    const firsts = Array.from(
      { length: 2_000 },
      () => selector.order([good, bad], none, service)[0]!.operator,
    )
    const badShare = firsts.filter((operator) => operator === bad.operator).length / firsts.length
    expect(badShare).toBeGreaterThan(0.005)
    expect(badShare).toBeLessThan(0.1)
  })

  it('behavior: tried operators are skipped and tried owners go last', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const selector = createSupplierSelector({ scores, operatorShareCap: 1, random: () => 0 })
    const list = [supplier(1, 9), supplier(2, 9), supplier(3, 7)]
    const order = selector.order(
      list,
      { operators: new Set([list[0]!.operator]), owners: new Set([list[0]!.owner]) },
      service,
    )
    expect(order.map((s) => s.operator)).toEqual([list[2]!.operator, list[1]!.operator])
  })

  it('behavior: a supplier failed for the service is never offered for it, still offered for others', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const list = [supplier(1), supplier(2)]
    scores.recordVerdict(list[0]!.operator, service, 'fail')
    const selector = createSupplierSelector({ scores, operatorShareCap: 1, random: () => 0 })
    expect(selector.order(list, none, service).map((s) => s.operator)).toEqual([list[1]!.operator])
    expect(selector.order([list[0]!], none, service)).toEqual([])
    expect(selector.order(list, none, 'qwen-small').map((s) => s.operator)).toContain(list[0]!.operator)
    scores.recordVerdict(list[0]!.operator, service, 'pass')
    expect(selector.order(list, none, service).map((s) => s.operator)).toContain(list[0]!.operator)
  })

  it('behavior: no owner takes more than the cap of first picks while another owner is available', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const [big, small] = [supplier(1, 1), supplier(2, 2)]
    for (let i = 0; i < 20; i++) scores.recordSuccess(big.operator, { ttftMs: 10 })
    for (let i = 0; i < 5; i++) scores.recordFailure(small.operator, 'timeout')
    const selector = createSupplierSelector({
      scores,
      operatorShareCap: 0.65,
      random: () => 0,
      windowSize: 100,
    })
    for (let i = 0; i < 500; i++) selector.notePick(selector.order([big, small], none, service)[0]!.owner)
    expect(selector.shareOf(big.owner)).toBeLessThanOrEqual(0.66)
    expect(selector.shareOf(big.owner)).toBeGreaterThan(0.6)
  })
})
