import { describe, expect, it } from 'vitest'
import { decodeLeafRecord, encodeLeafRecord, leafInFrame } from './leafRecord.ts'
import { listSegmentSequences, SEGMENT_HEADER, scanSegment, segmentName } from './segmentFile.ts'

const leaf = (i: number) => ({
  key: new Uint8Array(32).fill(i),
  value: new Uint8Array(100 + i).fill(255 - i),
  weight: 2n ** 64n - 1n - BigInt(i),
})

function segmentOf(...frames: Buffer[]): Buffer {
  return Buffer.concat([SEGMENT_HEADER, ...frames])
}

describe('leaf records', () => {
  it('behavior: a frame decodes to the tree id and leaf it encodes', () => {
    const frame = encodeLeafRecord(0xfffffffe, leaf(3))
    const result = decodeLeafRecord(frame, 0)
    if ('error' in result) throw new Error(result.error)
    expect(result.record.treeId).toBe(0xfffffffe)
    expect(result.next).toBe(frame.length)
    expect(leafInFrame(result.record.frame)).toEqual(leaf(3))
  })

  it('behavior: a segment scan returns every record in order', () => {
    const scan = scanSegment(segmentOf(encodeLeafRecord(1, leaf(1)), encodeLeafRecord(2, leaf(2))))
    expect(scan.problem).toBeUndefined()
    expect(scan.records.map((r) => [r.treeId, leafInFrame(r.frame).key[0]])).toEqual([
      [1, 1],
      [2, 2],
    ])
  })

  it('behavior: a scan stops at a cut, flipped or zero-filled frame and reports where', () => {
    const first = encodeLeafRecord(1, leaf(1))
    const second = encodeLeafRecord(1, leaf(2))
    const end = SEGMENT_HEADER.length + first.length
    const flipped = Buffer.from(second)
    flipped[flipped.length - 1]! ^= 1
    for (const tail of [second.subarray(0, 20), second.subarray(0, 5), flipped, Buffer.alloc(4096)]) {
      const scan = scanSegment(segmentOf(first, tail))
      expect(scan.records).toHaveLength(1)
      expect(scan.validBytes).toBe(end)
      expect(scan.problem?.offset).toBe(end)
    }
  })

  it('behavior: a missing header makes the whole file invalid', () => {
    expect(scanSegment(Buffer.alloc(3)).validBytes).toBe(0)
    expect(scanSegment(Buffer.alloc(64)).problem?.reason).toMatch(/header/)
  })

  it('behavior: segment names sort as numbers and foreign files are ignored', () => {
    expect(segmentName(42)).toBe('000000000042.log')
    expect(listSegmentSequences([segmentName(10), 'x.log', segmentName(9), '000000000001.log.tmp'])).toEqual([
      9, 10,
    ])
  })
})
