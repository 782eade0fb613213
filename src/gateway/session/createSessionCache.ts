import type { Logger } from 'pino'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { GatewayChainUnavailableError } from '../errors.ts'
import type { GatewayLedgerInfo, GatewaySession, SessionSource } from '../ports.ts'

export type CreateSessionCacheParameters = {
  source: SessionSource
  ledgerInfo: GatewayLedgerInfo
  /** Use a new session only this many blocks after its start, so lagging suppliers have seen it. */
  switchDelayBlocks: number
  logger: Logger
}

/** Identifies the sessions of one application for one service, signed by one signer. */
export type SessionKey = { application: Hex; serviceId: string; signer: Hex }

/** Sessions per (application, service): fetched as soon as they start, kept through their grace period. */
export type SessionCache = {
  /** Reacts to a new chain height: fetches sessions that just started for every known key. */
  onHeight(height: bigint): void
  /** The latest height seen. */
  height(): bigint | undefined
  /**
   * Usable sessions in order of preference: the newest one that is `switchDelayBlocks` old, then the
   * previous one while its grace period lasts. Fetches (and waits) only when none is cached.
   */
  usable(key: SessionKey): Promise<GatewaySession[]>
  /** The session at the latest height, read now if it is not cached (waits for it). */
  current(key: SessionKey): Promise<GatewaySession>
  /** Forgets a cached session that a supplier reported as not matching the chain (refetched on demand). */
  invalidate(key: SessionKey, sessionNumber: bigint): void
}

/**
 * Creates the session cache. Why it never causes rollover errors: a session's seed is unknown before it
 * starts, so the next session cannot be read early; instead the cache reads it on the first block of
 * the session (prefetch, driven by `onHeight`) while requests keep using the previous session, which
 * suppliers accept until `end + grace`. A supplier whose clock disagrees answers SESSION_NOT_STARTED or
 * SESSION_EXPIRED, and the router retries with the other usable session.
 *
 * @param parameters - session source, ledger grid, switch delay, logger
 * @returns the cache
 * @example
 * const cache = createSessionCache({ source, ledgerInfo, switchDelayBlocks: 1, logger })
 * const [session] = await cache.usable({ application, serviceId, signer })
 */
export function createSessionCache(parameters: CreateSessionCacheParameters): SessionCache {
  const { source, ledgerInfo, logger } = parameters
  const N = ledgerInfo.numBlocksPerSession
  const A = ledgerInfo.genesisHeight
  const entries = new Map<string, SessionEntry>()
  let latest: bigint | undefined
  // Learned from the first session read (end + grace): lets the cache skip a previous session whose
  // grace period is already over without reading it.
  let graceBlocks: bigint | undefined
  const sessionNumberAt = (height: bigint) => (height < A ? 0n : 1n + (height - A) / N)
  const startOf = (n: bigint) => A + (n - 1n) * N

  const fetchSession = (entry: SessionEntry, n: bigint): Promise<GatewaySession> => {
    const existing = entry.sessions.get(n)
    if (existing) return existing.promise
    const slot: SessionSlot = {
      promise: source.getSession({ ...entry.key, sessionNumber: n }),
      value: undefined,
    }
    entry.sessions.set(n, slot)
    slot.promise.then(
      (session) => {
        slot.value = session
        graceBlocks = session.graceEndHeight - session.header.sessionEndHeight
      },
      (error: unknown) => {
        // A failed read is forgotten so the next block or request tries again.
        if (entry.sessions.get(n) === slot) entry.sessions.delete(n)
        logger.warn(
          { err: error, sessionNumber: n.toString(), serviceId: entry.key.serviceId },
          'cannot read session; will retry',
        )
      },
    )
    return slot.promise
  }
  const entryOf = (key: SessionKey) => {
    const id = `${key.application}|${key.serviceId}|${key.signer}`
    let entry = entries.get(id)
    if (!entry) {
      entry = { key, sessions: new Map() }
      entries.set(id, entry)
    }
    return entry
  }

  return {
    onHeight(height) {
      if (latest !== undefined && height <= latest) return
      latest = height
      const current = sessionNumberAt(height)
      for (const entry of entries.values()) {
        if (current >= 1n) void fetchSession(entry, current).catch(() => undefined)
        for (const n of entry.sessions.keys()) if (n < current - 1n) entry.sessions.delete(n)
      }
    },
    height: () => latest,
    async usable(key) {
      const entry = entryOf(key)
      if (latest === undefined) latest = await readHeight(source)
      const height = latest
      const current = sessionNumberAt(height)
      const candidates: bigint[] = []
      if (height >= startOf(current) + BigInt(parameters.switchDelayBlocks)) candidates.push(current)
      const isPreviousInGrace = graceBlocks === undefined || height <= startOf(current) - 1n + graceBlocks
      if (current > 1n && isPreviousInGrace) candidates.push(current - 1n)
      if (current >= 1n && !candidates.includes(current)) candidates.push(current)
      const isUsable = (session: GatewaySession | undefined): session is GatewaySession =>
        session !== undefined && height <= session.graceEndHeight
      // The common case, every candidate already read, takes no await (this runs on every request).
      const ready = candidates.map((n) => entry.sessions.get(n)?.value)
      if (ready.every(isUsable)) return ready
      const cached = (await Promise.all(candidates.map((n) => settleCached(entry, n, fetchSession)))).filter(
        isUsable,
      )
      if (cached.length > 0) return cached
      // Nothing cached is usable (a cold start): wait for every candidate, so a lagging supplier can
      // still be served the previous session on this very first request.
      const read = await Promise.allSettled(candidates.map((n) => fetchSession(entry, n)))
      const usable = read
        .flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
        .filter(isUsable)
      if (usable.length > 0) return usable
      const failure = read.find((result) => result.status === 'rejected')
      throw new GatewayChainUnavailableError({
        cause: failure?.status === 'rejected' ? failure.reason : undefined,
      })
    },
    async current(key) {
      const entry = entryOf(key)
      if (latest === undefined) latest = await readHeight(source)
      const height = latest
      return fetchSession(entry, sessionNumberAt(height)).catch((cause: unknown) => {
        throw new GatewayChainUnavailableError({ cause })
      })
    },
    invalidate(key, sessionNumber) {
      entryOf(key).sessions.delete(sessionNumber)
    },
  }
}

// A session being read, and its value once read (so a request finds it without awaiting).
type SessionSlot = { promise: Promise<GatewaySession>; value: GatewaySession | undefined }
type SessionEntry = { key: SessionKey; sessions: Map<bigint, SessionSlot> }

// A cached session is used if already read; one being read is awaited only if nothing else is ready.
async function settleCached(
  entry: SessionEntry,
  n: bigint,
  fetchSession: (entry: SessionEntry, n: bigint) => Promise<GatewaySession>,
): Promise<GatewaySession | undefined> {
  const cached = entry.sessions.get(n)
  if (!cached) {
    void fetchSession(entry, n).catch(() => undefined)
    return undefined
  }
  if (cached.value) return cached.value
  const timeout = new Promise<undefined>((resolve) => setImmediate(resolve, undefined))
  return Promise.race([cached.promise.catch(() => undefined), timeout])
}

async function readHeight(source: SessionSource): Promise<bigint> {
  try {
    return await source.getBlockNumber()
  } catch (cause) {
    throw new GatewayChainUnavailableError({ cause })
  }
}
