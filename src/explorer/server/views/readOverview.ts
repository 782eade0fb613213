import type { OverviewView } from '../../api/types.ts'
import { argBigint } from './eventArgs.ts'
import { readChainStatus } from './readChainStatus.ts'
import { readRecentActivity } from './readRecentActivity.ts'
import { readRegistry } from './serviceRegistry.ts'
import { sessionOfBlock } from './sessionOfBlock.ts'
import { summarizeEvent } from './summarizeEvent.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * The overview: chain head and current session, relays per second (gateway metrics and the chain's
 * estimate), tokens burned and minted, counts, and the latest ledger activity. Everything but the head
 * and the current session comes from the index, so it is still shown while the node cannot be read.
 *
 * @param ctx - the view context
 * @param head - the chain's head block, or null when the node could not be read
 * @returns the overview
 * @example
 * const view = await readOverview(ctx, await data.getHead().catch(() => null))
 */
export async function readOverview(
  ctx: ViewContext,
  head: { blockNumber: bigint; timestampMs: number } | null,
): Promise<OverviewView> {
  const { data } = ctx
  const { network } = data
  const params = network.sessionParams
  const registry = readRegistry(ctx)
  const totals = ctx.totals.read()
  return {
    network: {
      chainId: network.chainId,
      contracts: Object.fromEntries(Object.entries(network.contracts).map(([k, v]) => [k, v.toLowerCase()])),
      genesisHeight: params.genesisHeight.toString(),
      numBlocksPerSession: params.numBlocksPerSession.toString(),
      tokenDecimals: network.tokenDecimals,
    },
    head: head && { height: head.blockNumber.toString(), timestampMs: head.timestampMs },
    indexedHeight: data.getIndexedHeight()?.toString() ?? null,
    chain: readChainStatus(data),
    session: head && readCurrentSession(ctx, head.blockNumber),
    relays: {
      gatewayPerSecond: ctx.gateway.relaysPerSecond(),
      lastSettled: await readLastSettledVolume(ctx),
    },
    tokens: totals.tokens,
    counts: { services: registry.byKey.size, ...totals.counts },
    gateway: ctx.gateway.status(),
    recent: readRecentActivity(data, 15).map((event) => summarizeEvent(event, registry)),
  }
}

function readCurrentSession(ctx: ViewContext, headBlock: bigint): NonNullable<OverviewView['session']> {
  const params = ctx.data.network.sessionParams
  const session = sessionOfBlock(params, headBlock)
  const start = params.genesisHeight + (session - 1n) * params.numBlocksPerSession
  const end = start + params.numBlocksPerSession - 1n
  return {
    number: session.toString(),
    startHeight: start.toString(),
    endHeight: end.toString(),
    blocksLeft: (end >= headBlock ? end - headBlock : 0n).toString(),
  }
}

/**
 * The estimated volume of the latest session whose settlement fed the difficulty, over all services
 * (spec §6: mined × multiplier), and as relays per second over that session's wall-clock duration.
 */
async function readLastSettledVolume(ctx: ViewContext): Promise<OverviewView['relays']['lastSettled']> {
  const { data } = ctx
  const [latest] = data.getEvents({ eventName: 'DifficultyUpdated' }, { order: 'desc', limit: 1 })
  if (!latest) return null
  const session = argBigint(latest, 'settledSession')
  const estimated = data
    .getEvents({ session, eventName: 'DifficultyUpdated' })
    .filter((e) => argBigint(e, 'settledSession') === session)
    .reduce((sum, e) => sum + argBigint(e, 'estimatedRelays'), 0n)
  const seconds = await ctx.memo(`session-seconds:${session}`, () => readSessionSeconds(ctx, session))
  return {
    session: session.toString(),
    estimatedRelays: estimated.toString(),
    perSecond: seconds === null ? null : Number(estimated) / seconds,
  }
}

/** A session's duration in seconds from its first and last block timestamps; null if not measurable. */
async function readSessionSeconds(ctx: ViewContext, session: bigint): Promise<number | null> {
  const params = ctx.data.network.sessionParams
  const n = params.numBlocksPerSession
  const start = params.genesisHeight + (session - 1n) * n
  try {
    const [first, last] = await Promise.all([
      ctx.data.getBlockTimestampMs(start),
      ctx.data.getBlockTimestampMs(start + n - 1n),
    ])
    // n blocks span n − 1 block intervals; scale to n intervals.
    const seconds = n > 1n ? ((last - first) / 1000) * (Number(n) / Number(n - 1n)) : 0
    return seconds > 0 ? seconds : null
  } catch {
    return null
  }
}
