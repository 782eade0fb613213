import { computeCrc32c } from './crc32c.ts'
import { StoreInvalidLeafError } from './errors.ts'
import type { SessionLeaf } from './types.ts'

/**
 * The on-disk frame of one leaf (all integers little-endian):
 *
 *   u32 payloadBytes ‖ u32 crc32c(payload) ‖ payload
 *   payload = u8 kind (1) ‖ u32 treeId ‖ u64 weight ‖ u16 keyBytes ‖ key ‖ value
 *
 * The length comes first so a reader can skip to the next frame; the checksum covers the whole payload so a
 * torn or zero-filled tail (what ext4 can leave after a crash) fails it. A zero-length frame would pass a
 * CRC of nothing, hence the minimum payload size.
 */
export const FRAME_HEADER_BYTES = 8
const KIND_LEAF = 1
const PAYLOAD_FIXED_BYTES = 1 + 4 + 8 + 2
/** Relay bytes hold hashes and signatures, not prompts; 4 MiB leaves room and bounds a garbage length. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024
const MAX_KEY_BYTES = 0xffff
const MAX_UINT64 = 2n ** 64n - 1n

/**
 * A checked leaf frame and its tree. Trees keep leaves as frames (one object per leaf, decoded on read)
 * rather than as key/value/weight objects: a third of the allocations on the append path.
 */
export type LeafRecord = { treeId: number; frame: Buffer }

/** Throws `StoreInvalidLeafError` unless the leaf fits the frame. */
export function assertValidLeaf(leaf: SessionLeaf): void {
  if (!(leaf?.key instanceof Uint8Array) || !(leaf.value instanceof Uint8Array))
    throw new StoreInvalidLeafError({ reason: 'key and value must be Uint8Array' })
  if (leaf.key.length === 0 || leaf.key.length > MAX_KEY_BYTES)
    throw new StoreInvalidLeafError({
      reason: `key is ${leaf.key.length} bytes, expected 1–${MAX_KEY_BYTES}`,
    })
  if (PAYLOAD_FIXED_BYTES + leaf.key.length + leaf.value.length > MAX_PAYLOAD_BYTES)
    throw new StoreInvalidLeafError({ reason: `value of ${leaf.value.length} bytes is too large` })
  if (typeof leaf.weight !== 'bigint' || leaf.weight < 0n || leaf.weight > MAX_UINT64)
    throw new StoreInvalidLeafError({ reason: `weight ${String(leaf.weight)} is not a uint64` })
}

/**
 * Encodes a leaf of tree `treeId` as one checksummed frame. The leaf must have passed `assertValidLeaf`.
 *
 * @param treeId - the tree's catalogue id
 * @param leaf - key, value and weight
 * @returns the frame, ready to append to a segment
 * @example
 * const frame = encodeLeafRecord(7, { key, value, weight: 120n })
 */
export function encodeLeafRecord(treeId: number, leaf: SessionLeaf): Buffer {
  const payloadBytes = PAYLOAD_FIXED_BYTES + leaf.key.length + leaf.value.length
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadBytes)
  let at = FRAME_HEADER_BYTES
  at = frame.writeUInt8(KIND_LEAF, at)
  at = frame.writeUInt32LE(treeId, at)
  at = frame.writeBigUInt64LE(leaf.weight, at)
  at = frame.writeUInt16LE(leaf.key.length, at)
  frame.set(leaf.key, at)
  frame.set(leaf.value, at + leaf.key.length)
  frame.writeUInt32LE(payloadBytes, 0)
  frame.writeUInt32LE(computeCrc32c(frame.subarray(FRAME_HEADER_BYTES)), 4)
  return frame
}

/** The result of reading one frame: a record and the offset after it, or why the bytes are not a frame. */
export type DecodeResult = { record: LeafRecord; next: number } | { error: string }

/**
 * Checks the frame at `offset` of `bytes`: length, checksum, kind and key length.
 *
 * @param bytes - a segment's contents
 * @param offset - where the frame starts
 * @returns the record (its frame a view into `bytes`) and the next offset, or an error reason
 * @example
 * const result = decodeLeafRecord(segment, 8)
 */
export function decodeLeafRecord(bytes: Buffer, offset: number): DecodeResult {
  if (bytes.length - offset < FRAME_HEADER_BYTES) return { error: 'frame header cut short' }
  const payloadBytes = bytes.readUInt32LE(offset)
  if (payloadBytes < PAYLOAD_FIXED_BYTES + 1 || payloadBytes > MAX_PAYLOAD_BYTES)
    return { error: `impossible payload length ${payloadBytes}` }
  const start = offset + FRAME_HEADER_BYTES
  const next = start + payloadBytes
  if (next > bytes.length) return { error: 'payload cut short' }
  if (computeCrc32c(bytes, start, next) !== bytes.readUInt32LE(offset + 4))
    return { error: 'checksum mismatch' }
  if (bytes[start] !== KIND_LEAF) return { error: `unknown record kind ${bytes[start]}` }
  const keyBytes = bytes.readUInt16LE(start + 13)
  if (keyBytes === 0 || PAYLOAD_FIXED_BYTES + keyBytes > payloadBytes) return { error: 'bad key length' }
  return { record: { treeId: bytes.readUInt32LE(start + 1), frame: bytes.subarray(offset, next) }, next }
}

const KEY_LENGTH_AT = FRAME_HEADER_BYTES + 13
const KEY_AT = FRAME_HEADER_BYTES + PAYLOAD_FIXED_BYTES

/**
 * The leaf in a checked frame, as views of the frame's bytes.
 *
 * @param frame - a frame from `encodeLeafRecord` or `decodeLeafRecord`
 * @returns key, value and weight
 */
export function leafInFrame(frame: Buffer): SessionLeaf {
  const keyEnd = KEY_AT + frame.readUInt16LE(KEY_LENGTH_AT)
  return {
    key: viewOf(frame, KEY_AT, keyEnd),
    value: viewOf(frame, keyEnd, frame.length),
    weight: frameWeight(frame),
  }
}

/** The weight stored in a checked frame. */
export function frameWeight(frame: Buffer): bigint {
  return frame.readBigUInt64LE(FRAME_HEADER_BYTES + 5)
}

/** The key of a checked frame as an index string, equal to `keyString(key)`. */
export function frameKeyString(frame: Buffer): string {
  return frame.toString('latin1', KEY_AT, KEY_AT + frame.readUInt16LE(KEY_LENGTH_AT))
}

/** A key as an index string: latin1 maps each byte to one UTF-16 unit, the cheapest exact conversion. */
export function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}

/** A plain Uint8Array view (not a Buffer), so callers see the same type whether a leaf was appended or read. */
export function viewOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start)
}
