import { open, type RootDatabase } from 'lmdb'
import { StoreIoFailedError } from './errors.ts'
import type { SessionTreeState } from './types.ts'

/** A tree as the catalogue records it. */
export type CatalogueEntry = { treeId: number; state: SessionTreeState }

const TREE_PREFIX = 'tree/'
const NEXT_TREE_ID = 'nextTreeId'

/**
 * The durable list of session trees, in lmdb: `tree/<sessionKey>` → `{ treeId, state }` and the id
 * counter. It changes a few times per session (open, seal, delete), so every change is a synchronous lmdb
 * commit (written and fsynced before the promise resolves). Log records name a tree by its numeric id;
 * ids are never reused, so records of a deleted tree can never be mistaken for those of a newer tree
 * with the same session key.
 */
export class Catalogue {
  readonly #db: RootDatabase<unknown, string>
  readonly #entries = new Map<string, CatalogueEntry>()
  #nextTreeId: number
  #queue: Promise<void> = Promise.resolve()

  private constructor(db: RootDatabase<unknown, string>) {
    this.#db = db
    for (const { key, value } of db.getRange({ start: TREE_PREFIX, end: `${TREE_PREFIX}\uffff` }))
      this.#entries.set(key.slice(TREE_PREFIX.length), value as CatalogueEntry)
    this.#nextTreeId = (db.get(NEXT_TREE_ID) as number | undefined) ?? 1
  }

  /**
   * Opens (or creates) the catalogue in directory `path`.
   *
   * @param path - an existing directory for lmdb's files
   * @returns the catalogue with every entry loaded
   * @example
   * const catalogue = Catalogue.open(join(dir, 'catalogue'))
   */
  static open(path: string): Catalogue {
    try {
      // overlappingSync off: a write's promise then resolves only after lmdb has fsynced the commit.
      return new Catalogue(open<unknown, string>({ path, encoding: 'json', overlappingSync: false }))
    } catch (cause) {
      throw new StoreIoFailedError({ operation: 'opening the catalogue', cause })
    }
  }

  /** Every recorded tree by session key. */
  entries(): ReadonlyMap<string, CatalogueEntry> {
    return this.#entries
  }

  /**
   * Records a new open tree under a fresh id; resolves once durable.
   *
   * @param sessionKey - the tree's session key (not yet in the catalogue)
   * @returns the new entry
   */
  create(sessionKey: string): Promise<CatalogueEntry> {
    return this.#exclusive(() => this.#create(sessionKey))
  }

  async #create(sessionKey: string): Promise<CatalogueEntry> {
    const entry: CatalogueEntry = { treeId: this.#nextTreeId++, state: 'open' }
    const nextTreeId = this.#nextTreeId
    await this.#write('recording a new tree', () => {
      this.#db.putSync(`${TREE_PREFIX}${sessionKey}`, entry)
      this.#db.putSync(NEXT_TREE_ID, nextTreeId)
    })
    this.#entries.set(sessionKey, entry)
    return entry
  }

  /** Marks a tree sealed; resolves once durable. */
  seal(sessionKey: string): Promise<void> {
    return this.#exclusive(() => this.#seal(sessionKey))
  }

  async #seal(sessionKey: string): Promise<void> {
    const entry = this.#entries.get(sessionKey)
    if (!entry || entry.state === 'sealed') return
    const sealed: CatalogueEntry = { treeId: entry.treeId, state: 'sealed' }
    await this.#write('sealing a tree', () => this.#db.putSync(`${TREE_PREFIX}${sessionKey}`, sealed))
    this.#entries.set(sessionKey, sealed)
  }

  /**
   * Forgets a tree; resolves once durable. Its log records are dead from then on, so the in-memory entry
   * goes only after the commit: until then the tree's segments must not be deleted.
   */
  remove(sessionKey: string): Promise<void> {
    return this.#exclusive(() => this.#remove(sessionKey))
  }

  async #remove(sessionKey: string): Promise<void> {
    if (!this.#entries.has(sessionKey)) return
    await this.#write('deleting a tree', () => this.#db.removeSync(`${TREE_PREFIX}${sessionKey}`))
    this.#entries.delete(sessionKey)
  }

  /** Waits for queued changes, then closes lmdb. */
  async close(): Promise<void> {
    await this.#queue
    await this.#db.close()
  }

  /** Runs catalogue changes one at a time, so each sees the previous one's outcome (seal after delete is a no-op). */
  #exclusive<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(change)
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  async #write(operation: string, change: () => void): Promise<void> {
    try {
      await this.#db.transaction(change)
      await this.#db.flushed
    } catch (cause) {
      throw new StoreIoFailedError({ operation, cause })
    }
  }
}
