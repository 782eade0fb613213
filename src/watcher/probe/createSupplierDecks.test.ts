import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../testing/mulberry32.ts'
import { createSupplierDecks } from './createSupplierDecks.ts'

describe('createSupplierDecks', () => {
  it('behavior: uses are counted per supplier, so one supplier using up the pool leaves the others their own', () => {
    const deckFor = createSupplierDecks({
      prompts: ['a', 'b'],
      random: mulberry32(3),
      maxUses: 1,
      logger: pino({ level: 'silent' }),
    })
    const first = [deckFor('0xAA').draw(), deckFor('0xaa').draw()]
    expect(first.toSorted()).toEqual(['a', 'b'])
    expect(deckFor('0xaa').remaining()).toBe(0)
    expect(deckFor('0xbb').remaining()).toBe(2)
  })

  it('behavior: a supplier whose pool is used up keeps being probed, and the operator is warned once per round', () => {
    const warnings: unknown[] = []
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) })
    const deckFor = createSupplierDecks({ prompts: ['a'], random: mulberry32(3), maxUses: 2, logger })
    const drawn = Array.from({ length: 5 }, () => deckFor('0xaa').draw())
    expect(drawn).toEqual(['a', 'a', 'a', 'a', 'a'])
    expect(warnings).toEqual([
      expect.objectContaining({ supplier: '0xaa', round: 2 }),
      expect.objectContaining({ supplier: '0xaa', round: 3 }),
    ])
  })
})
