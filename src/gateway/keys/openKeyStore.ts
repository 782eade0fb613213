import { hash, randomBytes } from 'node:crypto'
import { type Database, open, type RootDatabase } from 'lmdb'
import { GatewayStoreError, KeyNotFoundError } from '../errors.ts'

/** An API key as stored: never the key itself, only its SHA-256. */
export type ApiKeyRecord = {
  id: string
  name: string
  /** sha256(key) as hex: a 256-bit random key needs no salt or slow hash (nothing to brute-force). */
  keyHash: string
  /** The key's first characters, to tell keys apart in listings. */
  prefix: string
  createdAtMs: number
  revokedAtMs: number | undefined
  /** 0 = unlimited. */
  requestsPerMinute: number
  /** 0 = unlimited. */
  tokensPerMinute: number
  /** Token base units this key may spend in total; `undefined` = unlimited. */
  budgetBaseUnits: number | undefined
}

/** A key's usage ledger. */
export type KeyUsage = {
  requests: number
  inputTokens: number
  outputTokens: number
  /** Expected token base units spent (see `addRelay`). */
  costBaseUnits: number
  lastUsedAtMs: number | undefined
}

/** Limits given when a key is created. */
export type KeyLimits = {
  requestsPerMinute?: number
  tokensPerMinute?: number
  budgetBaseUnits?: number | undefined
}

/** API keys and their usage in an embedded lmdb store. */
export type KeyStore = {
  /** Creates a key; the returned `key` is shown once and never stored. */
  create(parameters: { name: string } & KeyLimits): Promise<{ key: string; record: ApiKeyRecord }>
  list(): Array<{ record: ApiKeyRecord; usage: KeyUsage }>
  revoke(id: string): Promise<ApiKeyRecord>
  /**
   * The key's record if it exists (revoked ones included; the caller checks `revokedAtMs`). Records are
   * cached in memory until a key is created or revoked by any process sharing the store; another
   * process's change is seen from this process's next event-loop turn (lmdb renews its read snapshot then).
   */
  findByKey(key: string): ApiKeyRecord | undefined
  usage(id: string): KeyUsage
  /** Adds a request's usage; the running total is written asynchronously (lmdb batches the writes). */
  addUsage(id: string, delta: Omit<KeyUsage, 'lastUsedAtMs'>, atMs: number): void
  close(): Promise<void>
}

const KEY_PREFIX = 'dk-'
const FLUSH_MS = 200

/** SHA-256 of an API key, as stored (one-shot `hash`: no Hash object per request). */
export const hashApiKey = (key: string): string => hash('sha256', key, 'hex')

const emptyUsage = (): KeyUsage => ({
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  costBaseUnits: 0,
  lastUsedAtMs: undefined,
})

/**
 * Opens (or creates) the key store under `dir`: keys by id, a hash → id index, and usage by id.
 * Usage totals are kept in memory and written behind (one lmdb batch every 200 ms), so a request
 * never waits for the disk; at most the last 200 ms of increments are lost in a crash. One
 * gateway process owns a store's usage; the CLI may create, list and revoke keys while it runs.
 *
 * @param parameters - the store directory and a clock
 * @returns the store
 * @throws {GatewayStoreError} when the directory cannot be opened
 * @example
 * const store = openKeyStore({ dir: '.data/gateway' })
 * const { key } = await store.create({ name: 'ci', requestsPerMinute: 60 })
 */
export function openKeyStore(parameters: { dir: string; nowMs?: () => number }): KeyStore {
  const nowMs = parameters.nowMs ?? Date.now
  let root: RootDatabase
  try {
    root = open({ path: parameters.dir, compression: false })
  } catch (cause) {
    throw new GatewayStoreError({ operation: 'open its directory', cause })
  }
  const keys: Database<ApiKeyRecord, string> = root.openDB('keys', {})
  const hashes: Database<string, string> = root.openDB('key-hashes', {})
  const usages: Database<KeyUsage, string> = root.openDB('usage', {})
  // Bumped by every create and revoke, from any process (the CLI): a lookup reads this one number and
  // drops its cache when it moved, so a revoked key is refused on its next request without two lmdb
  // reads and a decode per request.
  const meta: Database<number, string> = root.openDB('meta', {})
  const generationOf = () => meta.get('keysGeneration') ?? 0
  const found = new Map<string, ApiKeyRecord>()
  let foundGeneration = -1
  const totals = new Map<string, KeyUsage>()
  const totalOf = (id: string) => {
    let total = totals.get(id)
    if (!total) {
      total = { ...emptyUsage(), ...usages.get(id) }
      totals.set(id, total)
    }
    return total
  }
  // Usage totals are written behind, one batch per FLUSH_MS, so requests never wait for lmdb.
  const dirty = new Set<string>()
  let flushTimer: NodeJS.Timeout | undefined
  const flush = () => {
    flushTimer = undefined
    for (const id of dirty) void usages.put(id, { ...totalOf(id) }).catch(() => undefined)
    dirty.clear()
  }
  const write = async (operation: string, fn: () => void) => {
    try {
      await root.transaction(fn)
    } catch (cause) {
      throw new GatewayStoreError({ operation, cause })
    }
  }
  return {
    async create({ name, requestsPerMinute = 0, tokensPerMinute = 0, budgetBaseUnits }) {
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`
      const record: ApiKeyRecord = {
        id: `key_${randomBytes(6).toString('hex')}`,
        name,
        keyHash: hashApiKey(key),
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        createdAtMs: nowMs(),
        revokedAtMs: undefined,
        requestsPerMinute,
        tokensPerMinute,
        budgetBaseUnits,
      }
      await write('save a new key', () => {
        keys.put(record.id, record)
        hashes.put(record.keyHash, record.id)
        meta.put('keysGeneration', generationOf() + 1)
      })
      return { key, record }
    },
    list: () => [...keys.getRange()].map(({ value }) => ({ record: value, usage: { ...totalOf(value.id) } })),
    async revoke(id) {
      const record = keys.get(id)
      if (!record) throw new KeyNotFoundError({ keyId: id })
      const revoked = { ...record, revokedAtMs: record.revokedAtMs ?? nowMs() }
      await write('revoke a key', () => {
        keys.put(id, revoked)
        meta.put('keysGeneration', generationOf() + 1)
      })
      return revoked
    },
    findByKey(key) {
      const generation = generationOf()
      if (generation !== foundGeneration) {
        found.clear()
        foundGeneration = generation
      }
      const keyHash = hashApiKey(key)
      const cached = found.get(keyHash)
      if (cached) return cached
      const id = hashes.get(keyHash)
      const record = id === undefined ? undefined : keys.get(id)
      // Only keys that exist are cached: unknown keys sprayed at the gateway cannot grow the cache.
      if (record) found.set(keyHash, record)
      return record
    },
    usage: (id) => ({ ...totalOf(id) }),
    addUsage(id, delta, atMs) {
      const total = totalOf(id)
      total.requests += delta.requests
      total.inputTokens += delta.inputTokens
      total.outputTokens += delta.outputTokens
      total.costBaseUnits += delta.costBaseUnits
      total.lastUsedAtMs = atMs
      dirty.add(id)
      flushTimer ??= setTimeout(flush, FLUSH_MS)
    },
    async close() {
      clearTimeout(flushTimer)
      flush()
      await root.close()
    },
  }
}
