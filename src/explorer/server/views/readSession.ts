import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { SessionTimeline } from '../../../protocol/session/getSessionTimeline.ts'
import { getSessionTimeline } from '../../../protocol/session/getSessionTimeline.ts'
import type { SessionClaimView, SessionPairView, SessionView } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { decodeProofLeaf } from './decodeProofLeaf.ts'
import { argBigint, argHex } from './eventArgs.ts'
import { type ClaimLife, type ClaimPage, countClaims, readClaimLives, toClaimRow } from './readClaimRows.ts'
import { readRegistry } from './serviceRegistry.ts'
import type { ViewContext } from './viewContext.ts'

// A session page decodes each claim's proof leaf: beyond this many it lists the latest and says so.
const maxSessionClaims = 200

const maxPairs = 50

/**
 * One session in detail: its timeline and phase, seeds, the members of each (application, service) pair
 * active in it (as the ledger decides membership), and its claims with the revealed leaf of each proof.
 *
 * @param ctx - the view context
 * @param session - the session number
 * @param headHeight - the chain's head, for the phase
 * @param page - the claim page (the latest 200, or those created below block `before`)
 * @returns the session
 * @throws {ExplorerNotFoundError} for a session number below 1
 * @example
 * const view = await readSession(ctx, 12n, head)
 */
export async function readSession(
  ctx: ViewContext,
  session: bigint,
  headHeight: bigint,
  page: ClaimPage = { limit: maxSessionClaims },
): Promise<SessionView> {
  if (session < 1n) throw new ExplorerNotFoundError({ what: `session ${session}` })
  const { data } = ctx
  // The windows in force for this session, which governance may have changed since the explorer started.
  const params = await data.getSessionParams(session)
  const t = getSessionTimeline(params, params.genesisHeight + (session - 1n) * params.numBlocksPerSession)
  const seedOf = (eventName: string) =>
    data.getEvents({ session, eventName }, { limit: 1 }).map((e) => argHex(e, 'seed'))[0] ?? null
  const { lives, nextBefore } = readClaimLives(data, { session }, page.limit, page.before)
  const [pairs, claims] = await Promise.all([
    readPairs(ctx, session, lives),
    Promise.all(lives.map((life) => toSessionClaim(ctx, life))),
  ])
  return {
    number: session.toString(),
    phase: phaseOf(t, headHeight),
    timeline: {
      startHeight: t.startHeight.toString(),
      endHeight: t.endHeight.toString(),
      claimWindowOpenHeight: t.claimWindowOpenHeight.toString(),
      claimWindowCloseHeight: t.claimWindowCloseHeight.toString(),
      proofWindowOpenHeight: t.proofWindowOpenHeight.toString(),
      proofWindowCloseHeight: t.proofWindowCloseHeight.toString(),
      settlementHeight: t.settlementHeight.toString(),
    },
    seed: seedOf('SessionSeedRecorded'),
    proofSeed: seedOf('ProofSeedRecorded'),
    pairs,
    claims,
    claimTotal: countClaims(data, { session }),
    nextBefore: nextBefore?.toString() ?? null,
  }
}

function phaseOf(t: SessionTimeline, head: bigint): SessionView['phase'] {
  if (head < t.startHeight) return 'future'
  if (head <= t.endHeight) return 'active'
  if (head <= t.graceEndHeight) return 'grace'
  if (head <= t.claimWindowCloseHeight) return 'claiming'
  if (head <= t.proofWindowCloseHeight) return 'proving'
  return 'settleable'
}

/** The (application, service) pairs active in the session: staked and active by then, or with a claim in it. */
async function readPairs(ctx: ViewContext, session: bigint, lives: ClaimLife[]): Promise<SessionPairView[]> {
  const registry = readRegistry(ctx)
  const pairs = new Map<string, { application: Hex; serviceId: string }>()
  for (const event of ctx.data.getEvents({
    eventName: 'ApplicationStaked',
    toBlock: ctx.data.getIndexedHeight(),
  })) {
    if (argBigint(event, 'activeFromSession') > session || hasLeftBefore(ctx, event, session)) continue
    const serviceId = registry.byKey.get(argHex(event, 'serviceKey'))?.serviceId
    if (serviceId)
      pairs.set(argHex(event, 'application'), { application: argHex(event, 'application'), serviceId })
  }
  for (const { created } of lives) {
    const row = toClaimRow({ created, proof: undefined, outcome: undefined })
    pairs.set(row.application, { application: row.application as Hex, serviceId: row.serviceId })
  }
  return Promise.all([...pairs.values()].slice(0, maxPairs).map((pair) => readMembers(ctx, pair, session)))
}

function hasLeftBefore(ctx: ViewContext, staked: ExplorerEvent, session: bigint): boolean {
  const application = argHex(staked, 'application')
  return ctx.data
    .getEvents({ application, eventName: 'ApplicationUnbondingStarted', fromBlock: staked.blockNumber })
    .some((e) => argBigint(e, 'lastSession') < session)
}

async function readMembers(
  ctx: ViewContext,
  pair: { application: Hex; serviceId: string },
  session: bigint,
): Promise<SessionPairView> {
  const candidates = [
    ...new Set(
      ctx.data
        .getEvents({ service: pair.serviceId, eventName: 'SupplierServiceAdded' })
        .map((e) => argHex(e, 'operator')),
    ),
  ]
  try {
    const found = await ctx.data.getSessionMembers({ ...pair, session, candidates })
    return {
      ...pair,
      sessionId: found.sessionId.toLowerCase(),
      numSuppliers: found.numSuppliers.toString(),
      members: found.members.map((m) => ({ operator: m.operator.toLowerCase(), endpoint: m.endpoint })),
      error: null,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    return { ...pair, sessionId: null, numSuppliers: null, members: null, error: message }
  }
}

async function toSessionClaim(ctx: ViewContext, life: ClaimLife): Promise<SessionClaimView> {
  const row = toClaimRow(life)
  const root = argHex(life.created, 'root')
  if (!life.proof) return { ...row, root, proof: null }
  const proofEvent = life.proof
  const proof = {
    relayHash: argHex(proofEvent, 'relayHash'),
    computeUnits: argBigint(proofEvent, 'computeUnits').toString(),
    transactionHash: proofEvent.transactionHash,
    leaf: null,
    leafError: null,
  }
  try {
    const bytes = await ctx.data.getSubmittedProof(proofEvent.transactionHash)
    if (!bytes)
      return {
        ...row,
        root,
        proof: { ...proof, leafError: 'the proof was not sent to the Proofs contract directly' },
      }
    const { chainId, contracts } = ctx.data.network
    const leaf = decodeProofLeaf(bytes, { chainId, verifyingContract: contracts.proofs ?? '0x' })
    return { ...row, root, proof: { ...proof, leaf } }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    return { ...row, root, proof: { ...proof, leafError: message } }
  }
}
