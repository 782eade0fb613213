import type { SessionListView } from '../../api/types.ts'
import { parseClaimRoot } from './claimRoot.ts'
import { argHex } from './eventArgs.ts'
import { sessionOfBlock } from './sessionOfBlock.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * A page of sessions up to the head's (newest first), with how many claims each had and how they settled.
 *
 * @param ctx - the view context
 * @param headHeight - the chain's head
 * @param count - how many sessions
 * @param before - only sessions below this one (the previous page's `nextBefore`)
 * @returns the list, newest first
 * @example
 * readSessionList(ctx, head, 20).sessions[0].claims
 */
export function readSessionList(
  ctx: ViewContext,
  headHeight: bigint,
  count: number,
  before?: bigint,
): SessionListView {
  const current = sessionOfBlock(ctx.data.network.sessionParams, headHeight)
  const sessions: SessionListView['sessions'] = []
  const newest = before !== undefined && before - 1n < current ? before - 1n : current
  for (let n = newest; n >= 1n && sessions.length < count; n--) {
    const session = n
    sessions.push(
      ctx.memo(`session-row:${session}`, () => {
        const claims = ctx.data.getEvents({ session, eventName: 'ClaimCreated' })
        const outcomes = ctx.data.getEvents({ session, eventName: ['ClaimSettled', 'ClaimExpired'] })
        return {
          number: session.toString(),
          claims: claims.length,
          settled: outcomes.filter((e) => e.eventName === 'ClaimSettled').length,
          expired: outcomes.filter((e) => e.eventName === 'ClaimExpired').length,
          computeUnits: claims
            .reduce((sum, e) => sum + parseClaimRoot(argHex(e, 'root')).computeUnits, 0n)
            .toString(),
        }
      }),
    )
  }
  const oldest = sessions.at(-1)?.number
  const nextBefore = oldest !== undefined && oldest !== '1' ? oldest : null
  return { current: current.toString(), sessions, nextBefore }
}
