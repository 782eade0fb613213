import { type FileHandle, open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreClosedError, StoreIoFailedError } from './errors.ts'
import { SEGMENT_HEADER, segmentName } from './segmentFile.ts'

type Pending = {
  frame: Buffer
  /** Absent for a drain barrier, which writes nothing. */
  treeId: number | undefined
  resolve: () => void
  reject: (error: unknown) => void
}

type Head = { sequence: number; handle: FileHandle; bytes: number }

/** Options of `SegmentLog.create`. */
export type SegmentLogParameters = {
  logDir: string
  /** Sequence of the fresh head segment; greater than every existing one. */
  headSequence: number
  /** A segment is closed once a batch would take it past this size (a single batch may exceed it). */
  segmentBytes: number
  /** Which trees have records in each existing segment (from recovery), so dead segments can be removed. */
  segments: Map<number, Set<number>>
}

const EMPTY = Buffer.alloc(0)

/**
 * The append-only, segmented log with group commit. Appends that arrive while a batch is being written
 * wait in `pending`; each batch is one positional writev and one fdatasync, and only then are its appends
 * resolved. Batches never overlap, so at any moment at most the batch in flight can be torn, and none of
 * it has been acknowledged.
 */
export class SegmentLog {
  readonly #logDir: string
  readonly #segmentBytes: number
  readonly #segments: Map<number, Set<number>>
  #head: Head
  #pending: Pending[] = []
  #isFlushing = false
  #failure: StoreIoFailedError | undefined
  #isClosed = false

  private constructor(parameters: SegmentLogParameters, head: Head) {
    this.#logDir = parameters.logDir
    this.#segmentBytes = parameters.segmentBytes
    this.#segments = parameters.segments
    this.#head = head
    this.#segments.set(head.sequence, new Set())
  }

  /**
   * Opens a log whose appends go to a new head segment (never an old one: its tail may have been cut).
   *
   * @param parameters - directory, head sequence, segment size, recovered segment membership
   * @returns the log, ready for appends
   * @example
   * const log = await SegmentLog.create({ logDir, headSequence: 1, segmentBytes: 64 << 20, segments: new Map() })
   */
  static async create(parameters: SegmentLogParameters): Promise<SegmentLog> {
    const head = await createSegment(parameters.logDir, parameters.headSequence)
    return new SegmentLog(parameters, head)
  }

  /**
   * Appends one frame; resolves once it is on disk (written and fdatasync'd).
   *
   * @param frame - an encoded record
   * @param treeId - the tree the record belongs to
   * @returns a promise that resolves when the frame is durable
   */
  append(frame: Buffer, treeId: number | undefined): Promise<void> {
    if (this.#isClosed) return Promise.reject(new StoreClosedError())
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#pending.push({ frame, treeId, resolve, reject })
      if (!this.#isFlushing) void this.#flushLoop()
    })
  }

  /** Resolves when every append issued before the call is durable (rejects if the log has failed). */
  drain(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure)
    if (!this.#isFlushing && this.#pending.length === 0) return Promise.resolve()
    return this.append(EMPTY, undefined)
  }

  /**
   * Deletes every segment other than the head whose records all belong to dead trees.
   *
   * @param isLive - whether a tree id is still in the catalogue
   * @returns how many segment files were deleted
   */
  async removeDeadSegments(isLive: (treeId: number) => boolean): Promise<number> {
    let removed = 0
    for (const [sequence, trees] of this.#segments) {
      // A segment that is not the head now never becomes the head again: sequences only grow.
      if (sequence === this.#head.sequence || [...trees].some(isLive)) continue
      this.#segments.delete(sequence)
      await unlink(join(this.#logDir, segmentName(sequence))).catch(ignoreMissing)
      removed++
    }
    return removed
  }

  /** Waits for pending appends, then closes the head; later appends reject with `StoreClosedError`. */
  async close(): Promise<void> {
    if (this.#isClosed) return
    await this.drain().catch(() => undefined)
    this.#isClosed = true
    await this.#head.handle.close().catch(() => undefined)
  }

  async #flushLoop(): Promise<void> {
    this.#isFlushing = true
    try {
      while (this.#pending.length > 0) {
        // Let every append issued in this event-loop turn join the batch.
        await new Promise((resolve) => setImmediate(resolve))
        const batch = this.#pending
        this.#pending = []
        try {
          await this.#commit(batch)
        } catch (error) {
          this.#fail(error, batch)
          return
        }
        for (const entry of batch) entry.resolve()
      }
    } finally {
      this.#isFlushing = false
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    let bytes = 0
    for (const entry of batch) bytes += entry.frame.length
    if (bytes === 0) return
    if (this.#head.bytes > SEGMENT_HEADER.length && this.#head.bytes + bytes > this.#segmentBytes)
      await this.#rotate()
    const head = this.#head
    const trees = this.#segments.get(head.sequence)!
    for (const entry of batch) if (entry.treeId !== undefined) trees.add(entry.treeId)
    // writev, not a concatenated copy: libuv splits at IOV_MAX and retries short writes itself.
    const { bytesWritten } = await head.handle.writev(
      batch.map((entry) => entry.frame),
      head.bytes,
    )
    if (bytesWritten !== bytes) throw new Error(`short write: ${bytesWritten} of ${bytes} bytes`)
    await head.handle.datasync()
    head.bytes += bytes
  }

  async #rotate(): Promise<void> {
    const next = await createSegment(this.#logDir, this.#head.sequence + 1)
    // The old head is complete: its last batch was synced before this one started.
    await this.#head.handle.close()
    this.#segments.set(next.sequence, new Set())
    this.#head = next
  }

  #fail(cause: unknown, batch: Pending[]): void {
    // After a failed write or fsync the file's contents are unknown; only a reopen (replay) is safe.
    this.#failure =
      cause instanceof StoreIoFailedError ? cause : new StoreIoFailedError({ operation: 'append', cause })
    for (const entry of [...batch, ...this.#pending]) entry.reject(this.#failure)
    this.#pending = []
  }
}

/** Creates segment `sequence` with its header, synced, and syncs the directory so the file survives a crash. */
async function createSegment(logDir: string, sequence: number): Promise<Head> {
  const path = join(logDir, segmentName(sequence))
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'wx')
    await writeFully(handle, SEGMENT_HEADER, 0)
    await handle.datasync()
    await syncDirectory(logDir)
    return { sequence, handle, bytes: SEGMENT_HEADER.length }
  } catch (cause) {
    await handle?.close().catch(() => undefined)
    throw new StoreIoFailedError({ operation: `creating segment ${segmentName(sequence)}`, cause })
  }
}

/** Writes all of `buffer` at `position`, looping over short writes. */
async function writeFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let written = 0
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, position + written)
    // A regular file never takes zero bytes without an error; guard anyway rather than spin.
    if (bytesWritten === 0) throw new Error('write made no progress')
    written += bytesWritten
  }
}

/** fsync of a directory: makes file creations and renames in it durable (Linux, macOS). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
}
