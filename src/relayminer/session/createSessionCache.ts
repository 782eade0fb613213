import type { Logger } from 'pino'
import { ChainUnavailableError } from '../errors.ts'
import type {
  GetSessionParameters,
  IsAuthorizedSignerParameters,
  LedgerReader,
  OnchainSession,
} from '../ports.ts'

/** Sessions read from the ledger, cached for as long as they accept relays. */
export type SessionCache = {
  /** The session for a query; concurrent calls share one ledger read. */
  get(query: GetSessionParameters): Promise<OnchainSession>
  /** Delegation at the session start, cached like sessions. */
  isAuthorizedSigner(query: IsAuthorizedSignerParameters): Promise<boolean>
  /** Evicts sessions past their grace period and prefetches the next session of those in use. */
  onBlock(height: bigint): void
  readonly size: number
}

export type CreateSessionCacheParameters = {
  ledger: Pick<LedgerReader, 'getSession' | 'isAuthorizedSigner'>
  logger: Logger
  /** How long a failed read is answered from cache before the ledger is asked again. */
  failureTtlMs?: number
  /** Clock for the failure TTL; injected for tests. */
  nowMs?: () => number
}

type Entry = {
  promise: Promise<OnchainSession>
  session: OnchainSession | undefined
  failedAtMs: number | undefined
  isInUse: boolean
}

/**
 * Creates the session cache: one ledger read per (supplier, application, service, session), kept until
 * the session stops accepting relays. A session in use gets its successor read as soon as the successor
 * starts, so the first relay of a new session does not wait for the chain (POKT's relayers stall there).
 * Failed reads are cached for `failureTtlMs` so an outage or a flood of unknown sessions does not turn
 * into an RPC storm.
 *
 * @param parameters - the ledger reader and options
 * @returns the cache
 * @example
 * const sessions = createSessionCache({ ledger, logger })
 * const session = await sessions.get({ application, serviceId, sessionNumber, supplier })
 */
export function createSessionCache(parameters: CreateSessionCacheParameters): SessionCache {
  const { ledger, logger } = parameters
  const failureTtlMs = parameters.failureTtlMs ?? 1_000
  const nowMs = parameters.nowMs ?? Date.now
  const entries = new Map<string, Entry>()
  const signers = new Map<
    string,
    { promise: Promise<boolean>; sessionNumber: bigint; failedAtMs: number | undefined }
  >()
  let latestSessionNumber = 0n

  const load = (key: string, query: GetSessionParameters): Entry => {
    const entry: Entry = {
      promise: Promise.resolve() as never,
      session: undefined,
      failedAtMs: undefined,
      isInUse: false,
    }
    entry.promise = ledger.getSession(query).then(
      (session) => {
        entry.session = session
        return session
      },
      (cause: unknown) => {
        entry.failedAtMs = nowMs()
        throw new ChainUnavailableError({ cause })
      },
    )
    // A failure is reported to the caller that awaits it; the cache itself must not raise unhandled.
    entry.promise.catch(() => undefined)
    entries.set(key, entry)
    return entry
  }

  return {
    get(query) {
      const key = cacheKey(query)
      let entry = entries.get(key)
      if (!entry || (entry.failedAtMs !== undefined && nowMs() - entry.failedAtMs >= failureTtlMs))
        entry = load(key, query)
      entry.isInUse = true
      if (query.sessionNumber > latestSessionNumber) latestSessionNumber = query.sessionNumber
      return entry.promise
    },
    isAuthorizedSigner(query) {
      const key = `${query.application.toLowerCase()}|${query.signer.toLowerCase()}|${query.sessionNumber}`
      const cached = signers.get(key)
      if (cached && (cached.failedAtMs === undefined || nowMs() - cached.failedAtMs < failureTtlMs))
        return cached.promise
      // Signers are client-chosen; the bound keeps a flood of fresh keys from growing the map forever.
      if (signers.size >= MAX_SIGNERS) signers.clear()
      const entry = {
        promise: Promise.resolve(false),
        sessionNumber: query.sessionNumber,
        failedAtMs: undefined as number | undefined,
      }
      entry.promise = ledger.isAuthorizedSigner(query).catch((cause: unknown) => {
        entry.failedAtMs = nowMs()
        throw new ChainUnavailableError({ cause })
      })
      entry.promise.catch(() => undefined)
      signers.set(key, entry)
      return entry.promise
    },
    onBlock(height) {
      for (const [key, entry] of signers)
        if (entry.sessionNumber + 1n < latestSessionNumber) signers.delete(key)
      for (const [key, entry] of entries) {
        const session = entry.session
        if (entry.failedAtMs !== undefined && nowMs() - entry.failedAtMs >= failureTtlMs) entries.delete(key)
        if (!session) continue
        if (height > session.timeline.graceEndHeight) entries.delete(key)
        if (entry.isInUse && height > session.timeline.endHeight) prefetchNext(key, session)
      }
    },
    get size() {
      return entries.size
    },
  }

  function prefetchNext(key: string, session: OnchainSession): void {
    const [supplier] = key.split('|') as [GetSessionParameters['supplier']]
    const next = {
      application: session.header.application,
      serviceId: session.header.serviceId,
      sessionNumber: session.sessionNumber + 1n,
      supplier,
    }
    const nextKey = cacheKey(next)
    if (entries.has(nextKey)) return
    load(nextKey, next).promise.catch((error: unknown) =>
      logger.debug(
        { err: error, sessionNumber: next.sessionNumber },
        'prefetching the next session failed; will read it on demand',
      ),
    )
  }
}

const MAX_SIGNERS = 100_000

function cacheKey(query: GetSessionParameters): string {
  return `${query.supplier.toLowerCase()}|${query.application.toLowerCase()}|${query.serviceId}|${query.sessionNumber}`
}
