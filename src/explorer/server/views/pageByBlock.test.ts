import { describe, expect, it } from 'vitest'
import { createMemoryDataSource } from '../../testing/createMemoryDataSource.ts'
import { createMemoryViewContext } from '../../testing/createMemoryViewContext.ts'
import { syntheticBlock, syntheticGenesis } from '../../testing/syntheticChain.ts'
import { readClaimLives } from './readClaimRows.ts'
import { readFlows } from './readFlows.ts'
import { readSessionList } from './readSessionList.ts'

function setup(blocks: number) {
  const data = createMemoryDataSource()
  data.push(...syntheticGenesis())
  for (let b = 2; b <= blocks; b++) data.push(...syntheticBlock(b))
  return { data, ctx: createMemoryViewContext(data) }
}

/** Follows `nextBefore` from the first page to the last; returns every page. */
function pageThrough<T>(read: (before?: bigint) => { rows: T[]; nextBefore: string | null }): T[][] {
  const pages: T[][] = []
  let before: bigint | undefined
  for (;;) {
    const page = read(before)
    pages.push(page.rows)
    if (page.nextBefore === null) return pages
    expect(BigInt(page.nextBefore) < (before ?? BigInt(Number.MAX_SAFE_INTEGER))).toBe(true)
    before = BigInt(page.nextBefore)
  }
}

describe('paging by block (before / nextBefore)', () => {
  it.each([1, 2, 3, 5, 50])(
    'behavior: flows in pages of %i list every settlement once, newest first',
    (limit) => {
      const { data, ctx } = setup(30)
      const pages = pageThrough((before) => {
        const view = readFlows(ctx, limit, before)
        return { rows: view.settlements, nextBefore: view.nextBefore }
      })
      const all = data
        .getEvents({ contract: 'Settlement' }, { order: 'desc' })
        .map((e) => `${e.blockNumber}/${String(e.args.claimKey)}`)
      expect(pages.flat().map((row) => `${row.blockNumber}/${row.claimKey}`)).toEqual(all)
      // Pages stay within their size unless one block alone holds more.
      for (const page of pages)
        if (page.length > limit) expect(new Set(page.map((row) => row.blockNumber)).size).toBe(1)
      expect(pages.at(-1)!.length).toBeGreaterThan(0)
    },
  )

  it.each([1, 3, 4])("behavior: a supplier's claims in pages of %i list each claim once", (limit) => {
    const { data } = setup(30)
    const supplier = '0x0000000000000000000000000000000000000100'
    const pages = pageThrough((before) => {
      const page = readClaimLives(data, { supplier }, limit, before)
      return {
        rows: page.lives.map((life) => life.created.id),
        nextBefore: page.nextBefore?.toString() ?? null,
      }
    })
    const all = data.getEvents({ supplier, eventName: 'ClaimCreated' }, { order: 'desc' }).map((e) => e.id)
    expect(all.length).toBeGreaterThan(20)
    expect(pages.flat()).toEqual(all)
  })

  it('behavior: claims of all suppliers, with blocks larger than the page, are listed whole and once', () => {
    const { data } = setup(30)
    const pages = pageThrough((before) => {
      const page = readClaimLives(data, {}, 2, before)
      return {
        rows: page.lives.map((life) => life.created.id),
        nextBefore: page.nextBefore?.toString() ?? null,
      }
    })
    expect(pages.some((page) => page.length > 2)).toBe(true)
    expect(pages.flat()).toEqual(
      data.getEvents({ eventName: 'ClaimCreated' }, { order: 'desc' }).map((e) => e.id),
    )
  })

  it('behavior: sessions page down to session 1 without repeating one', () => {
    const { ctx } = setup(5)
    const pages = pageThrough((before) => {
      const view = readSessionList(ctx, 95n, 4, before)
      return { rows: view.sessions.map((s) => s.number), nextBefore: view.nextBefore }
    })
    expect(pages.flat()).toEqual(Array.from({ length: 10 }, (_, i) => String(10 - i)))
  })
})
