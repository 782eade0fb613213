import { open, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreCorruptLogError, StoreIoFailedError } from './errors.ts'
import type { LeafRecord } from './leafRecord.ts'
import { listSegmentSequences, scanSegment, segmentName } from './segmentFile.ts'
import type { StoreRecoveryReport } from './types.ts'

/** What the log holds after recovery. */
export type RecoveredLog = {
  /** The live trees' leaf frames in log order (views into segment buffers, or into a copy of their live part). */
  frames: Map<number, Buffer[]>
  /** Which trees have records in each remaining segment. */
  segments: Map<number, Set<number>>
  /** The highest segment sequence seen (0 if none); a new head must be above it. */
  lastSequence: number
  report: Omit<StoreRecoveryReport, 'durationMs'>
}

/**
 * Reads every segment in order, checking each frame. Only the newest segment may end in a bad frame
 * (the batch in flight at a crash, never acknowledged): its tail is cut off and the cut synced. A bad
 * frame in an older segment was synced, so it is real corruption and `StoreCorruptLogError` is thrown.
 *
 * @param logDir - the log directory
 * @param isLive - whether a tree id is in the catalogue (records of other trees are skipped)
 * @returns the live leaves, segment membership and what was found
 * @example
 * const recovered = await recoverLog(join(dir, 'log'), (id) => liveIds.has(id))
 */
export async function recoverLog(logDir: string, isLive: (treeId: number) => boolean): Promise<RecoveredLog> {
  const recovered: RecoveredLog = {
    frames: new Map(),
    segments: new Map(),
    lastSequence: 0,
    report: { segments: 0, records: 0, skippedRecords: 0, truncatedBytes: 0 },
  }
  const sequences = listSegmentSequences(await readdir(logDir))
  for (const [index, sequence] of sequences.entries()) {
    recovered.lastSequence = sequence
    const path = join(logDir, segmentName(sequence))
    const bytes = await readFile(path)
    const scan = scanSegment(bytes)
    if (scan.problem && index < sequences.length - 1)
      throw new StoreCorruptLogError({ segment: segmentName(sequence), ...scan.problem })
    if (scan.problem)
      recovered.report.truncatedBytes += await cutTornTail(path, scan.validBytes, bytes.length)
    if (scan.validBytes === 0) continue
    recovered.report.segments++
    collectRecords(recovered, sequence, scan.records, isLive)
  }
  return recovered
}

function collectRecords(
  recovered: RecoveredLog,
  sequence: number,
  records: LeafRecord[],
  isLive: (treeId: number) => boolean,
): void {
  const trees = new Set<number>()
  recovered.segments.set(sequence, trees)
  recovered.report.records += records.length
  const live = records.filter((record) => {
    trees.add(record.treeId)
    return isLive(record.treeId)
  })
  recovered.report.skippedRecords += records.length - live.length
  // Views into the segment's buffer when every record is live (the common case: no copy); otherwise the
  // live frames are copied out so that dead records are not kept in memory.
  for (const { treeId, frame } of live.length === records.length ? live : compactRecords(live)) {
    let frames = recovered.frames.get(treeId)
    if (!frames) {
      frames = []
      recovered.frames.set(treeId, frames)
    }
    frames.push(frame)
  }
}

/** Copies the records' frames into one new buffer and returns records viewing it. */
function compactRecords(records: LeafRecord[]): LeafRecord[] {
  const arena = Buffer.concat(records.map((record) => record.frame))
  let at = 0
  return records.map(({ treeId, frame }) => {
    at += frame.length
    return { treeId, frame: arena.subarray(at - frame.length, at) }
  })
}

/**
 * Cuts the newest segment back to its last good frame and syncs the cut, so a later recovery (when this
 * segment is no longer the newest) finds it clean. A segment whose header is bad is removed: its header
 * was synced before any record was written to it, so it holds nothing acknowledged.
 */
async function cutTornTail(path: string, validBytes: number, fileBytes: number): Promise<number> {
  try {
    if (validBytes === 0) {
      await unlink(path)
      return fileBytes
    }
    const handle = await open(path, 'r+')
    try {
      await handle.truncate(validBytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    return fileBytes - validBytes
  } catch (cause) {
    throw new StoreIoFailedError({ operation: `cutting the torn tail of ${path}`, cause })
  }
}
