/** One page of a list that grows without bound, newest first, and where the next (older) page starts. */
export type BlockPage<T> = {
  rows: T[]
  /** The `before` of the next page (rows below this block), or null when nothing older is left. */
  nextBefore: bigint | null
}

/** How to read around a page's edge. */
export type BlockPageSource<T> = {
  /** All rows of one block, newest first. */
  wholeBlock(blockNumber: bigint): readonly T[]
  /** Whether any row lies below `blockNumber`. */
  hasOlder(blockNumber: bigint): boolean
}

/**
 * Cuts a page of at most `limit` rows at a block boundary, so that a cursor by block (`before`) pages through
 * every row exactly once: a page never ends inside a block whose other rows the next page would repeat or
 * skip. The last, partly listed block is left to the next page; a single block with more than `limit` rows
 * is listed whole.
 *
 * @param newestFirst - up to `limit + 1` rows below the cursor, newest first (one more tells whether a
 *   block continues past the page)
 * @param limit - the page size
 * @param blockOf - a row's block
 * @param source - reads around the page's edge
 * @returns the page and the next cursor
 * @example
 * pageByBlock(data.getEvents({ toBlock: before - 1n }, { order: 'desc', limit: 101 }), 100, (e) => e.blockNumber, source)
 */
export function pageByBlock<T>(
  newestFirst: readonly T[],
  limit: number,
  blockOf: (row: T) => bigint,
  source: BlockPageSource<T>,
): BlockPage<T> {
  if (newestFirst.length <= limit) return { rows: [...newestFirst], nextBefore: null }
  const edge = blockOf(newestFirst[limit - 1]!)
  const page = newestFirst.slice(0, limit)
  if (blockOf(newestFirst[limit]!) !== edge) return { rows: page, nextBefore: edge }
  const whole = page.filter((row) => blockOf(row) !== edge)
  if (whole.length > 0) return { rows: whole, nextBefore: edge + 1n }
  return { rows: [...source.wholeBlock(edge)], nextBefore: source.hasOlder(edge) ? edge : null }
}
