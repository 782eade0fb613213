import { decodeLeafRecord, type LeafRecord } from './leafRecord.ts'

/**
 * A log segment is one file `<12-digit sequence>.log`: an 8-byte header (`DCSL` ‖ u32 LE version) then
 * leaf frames back to back. Only the newest segment can end in a torn write; older ones were complete and
 * synced before the next one was created.
 */
export const SEGMENT_HEADER = Buffer.from([0x44, 0x43, 0x53, 0x4c, 1, 0, 0, 0])
const SEGMENT_NAME = /^(\d{12})\.log$/

/** `000000000042.log` for sequence 42: fixed width so names sort like numbers. */
export function segmentName(sequence: number): string {
  return `${String(sequence).padStart(12, '0')}.log`
}

/** The segment sequences among `names` (directory entries), ascending. */
export function listSegmentSequences(names: string[]): number[] {
  return names
    .map((name) => SEGMENT_NAME.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
}

/** What a segment holds: the records before the first bad frame, and where and why reading stopped. */
export type SegmentScan = {
  records: LeafRecord[]
  /** Bytes up to the end of the last good frame (the header counts). */
  validBytes: number
  /** Why reading stopped before the end of the file; absent when the whole file is good. */
  problem?: { offset: number; reason: string }
}

/**
 * Reads every frame of a segment's contents, stopping at the first one that fails.
 *
 * @param bytes - the whole segment file
 * @returns the good records (views into `bytes`), the good length and the first problem
 * @example
 * const { records, problem } = scanSegment(await readFile(path))
 */
export function scanSegment(bytes: Buffer): SegmentScan {
  if (
    bytes.length < SEGMENT_HEADER.length ||
    !bytes.subarray(0, SEGMENT_HEADER.length).equals(SEGMENT_HEADER)
  )
    return { records: [], validBytes: 0, problem: { offset: 0, reason: 'missing or unknown segment header' } }
  const records: LeafRecord[] = []
  let offset = SEGMENT_HEADER.length
  while (offset < bytes.length) {
    const result = decodeLeafRecord(bytes, offset)
    if ('error' in result) return { records, validBytes: offset, problem: { offset, reason: result.error } }
    records.push(result.record)
    offset = result.next
  }
  return { records, validBytes: offset }
}
