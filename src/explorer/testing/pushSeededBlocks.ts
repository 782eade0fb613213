import type { MemoryDataSource } from './createMemoryDataSource.ts'
import { memoryEvent } from './createMemoryDataSource.ts'

/** One kind of event a seeded chain picks from: contract, event name, arguments. */
export type SeededKind = [contract: string, eventName: string, args: Record<string, unknown>]

/**
 * Pushes blocks `from`..`to` of three events each, every event's kind picked by a seed from the block and its
 * position, so a test's chain is deterministic and a different `seedBase` re-publishes the blocks differently
 * (a reorg).
 *
 * @param data - the memory data source
 * @param range - the blocks and the seed offset
 * @param kindsOf - the kinds to pick from for a seed
 * @example
 * pushSeededBlocks(data, { from: 1, to: 10 }, (seed) => [['Claims', 'ClaimCreated', {}]])
 */
export function pushSeededBlocks(
  data: MemoryDataSource,
  range: { from: number; to: number; seedBase?: number },
  kindsOf: (seed: number) => SeededKind[],
): void {
  for (let block = range.from; block <= range.to; block++)
    data.push(
      ...[0, 1, 2].map((logIndex) => {
        const seed = block * 3 + logIndex + (range.seedBase ?? 0)
        const kinds = kindsOf(seed)
        const [contract, eventName, args] = kinds[seed % kinds.length] as SeededKind
        return memoryEvent({ blockNumber: BigInt(block), logIndex, contract, eventName, args })
      }),
    )
}
