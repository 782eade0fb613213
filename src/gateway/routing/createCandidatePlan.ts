import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { GatewayApplication } from '../config/loadGatewayConfig.ts'
import { GatewayChainUnavailableError, NoApplicationError } from '../errors.ts'
import type { GatewaySession } from '../ports.ts'
import type { FailureClass } from './classifyFailure.ts'
import type { Candidate, RouterContext } from './types.ts'

/** The suppliers one request may still try, across its applications and usable sessions. */
export type CandidatePlan = {
  /** The best untried candidate, or `undefined` when every one has been tried. */
  next(): Candidate | undefined
  /** Marks a candidate as tried; a failure other than a session mismatch excludes its supplier entirely. */
  markTried(candidate: Candidate, failure?: FailureClass): void
}

/**
 * Builds the plan for one request: every (application, session) pair that may pay for the service now
 * (staked, and the signer authorised), in order of preference: applications rotate round-robin so their
 * budgets drain evenly, and each application's newest usable session comes before the previous one.
 * Within a pair the selector orders suppliers by score. A supplier that failed for a session reason is
 * still tried under the other session; any other failure excludes it for the rest of the request.
 *
 * @param context - the router context
 * @param serviceId - the service requested
 * @param excluded - operators never to try (e.g. the supplier whose stream broke)
 * @returns the plan
 * @throws {NoApplicationError} when no application can pay for the service in a usable session
 * @throws {GatewayChainUnavailableError} when no session could be read at all
 * @example
 * const plan = await createCandidatePlan(context, 'llama-tiny')
 * const candidate = plan.next()
 */
export async function createCandidatePlan(
  context: RouterContext,
  serviceId: string,
  excluded: ReadonlySet<Hex> = new Set(),
): Promise<CandidatePlan> {
  const pairs = await usablePairs(context, serviceId)
  const excludedOperators = new Set(excluded)
  const triedOwners = new Set<Hex>()
  const triedPairs = new Set<string>()
  // A session a supplier refused as not started or expired goes last for the rest of the request: its
  // neighbour is what that supplier's clock accepts, and probably the others' too.
  const refusedSessions = new Set<bigint>()
  const pairKey = (session: GatewaySession, operator: Hex) => `${session.sessionNumber}:${operator}`
  let isFirst = true
  return {
    next() {
      const ordered = [
        ...pairs.filter((pair) => !refusedSessions.has(pair.session.sessionNumber)),
        ...pairs.filter((pair) => refusedSessions.has(pair.session.sessionNumber)),
      ]
      for (const { application, session } of ordered) {
        const open = session.suppliers.filter(
          (supplier) => !triedPairs.has(pairKey(session, supplier.operator)),
        )
        const tried = { operators: excludedOperators, owners: triedOwners }
        const [supplier] = context.selector.order(open, tried, serviceId)
        if (!supplier) continue
        if (isFirst) context.selector.notePick(supplier.owner)
        isFirst = false
        return { application, session, supplier }
      }
      return undefined
    },
    markTried(candidate, failure) {
      const { session, supplier } = candidate
      triedPairs.add(pairKey(session, supplier.operator))
      triedOwners.add(supplier.owner)
      if (failure === 'session') refusedSessions.add(session.sessionNumber)
      else if (failure !== undefined) excludedOperators.add(supplier.operator)
    },
  }
}

/**
 * Every (application, session) pair that may pay for a service now, applications in round-robin order
 * and each application's newest usable session first: what a request may be relayed under.
 *
 * @param context - the router context
 * @param serviceId - the service
 * @returns the pairs, in order of preference
 * @throws {NoApplicationError} when none can pay; {GatewayChainUnavailableError} when no session could be read
 * @example
 * const [{ application, session }] = await usablePairs(context, 'llama-tiny')
 */
export async function usablePairs(
  context: RouterContext,
  serviceId: string,
): Promise<Array<{ application: GatewayApplication; session: GatewaySession }>> {
  const applications = rotate(
    context.applicationsByService.get(serviceId) ?? [],
    serviceId,
    context.rotations,
  )
  const pairs: Array<{ application: GatewayApplication; session: GatewaySession }> = []
  let lastError: unknown
  let readCount = 0
  for (const application of applications) {
    let sessions: GatewaySession[]
    try {
      sessions = await context.sessions.usable({
        application: application.address,
        serviceId,
        signer: application.signerAddress,
      })
      readCount++
    } catch (error) {
      lastError = error
      continue
    }
    // A session still being read (or whose read failed) is missing here; when no usable one can pay,
    // wait for the current session itself before concluding that this application cannot.
    const key = { application: application.address, serviceId, signer: application.signerAddress }
    if (!sessions.some(canPay))
      sessions = await context.sessions.current(key).then(
        (session) => [session],
        () => sessions,
      )
    for (const session of sessions) if (canPay(session)) pairs.push({ application, session })
  }
  if (pairs.length > 0) return pairs
  if (readCount === 0 && applications.length > 0) throw new GatewayChainUnavailableError({ cause: lastError })
  throw new NoApplicationError({ serviceId })
}

const canPay = (session: GatewaySession) => session.isApplicationActive && session.isSignerAuthorized

function rotate<T>(items: readonly T[], key: string, rotations: Map<string, number>): T[] {
  if (items.length <= 1) return [...items]
  const start = (rotations.get(key) ?? 0) % items.length
  rotations.set(key, start + 1)
  return [...items.slice(start), ...items.slice(0, start)]
}
