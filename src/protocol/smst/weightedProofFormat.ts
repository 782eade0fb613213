/**
 * Layout of the packed weighted-proof encoding, version 1 (docs/protocol.md §8.2). All integers are
 * big-endian; side nodes are bottom-up.
 *
 * | offset        | size              | field                                               |
 * |---------------|-------------------|-----------------------------------------------------|
 * | 0             | 1                 | version = 0x01                                      |
 * | 1             | 32                | leafPath                                            |
 * | 33            | 8                 | weight (uint64)                                     |
 * | 41            | 2                 | n = number of side nodes (uint16, ≤ 256)            |
 * | 43            | m = ceil(n/8)     | placeholder bitmap, bit i MSB-first                 |
 * | 43 + m        | 48 · k            | the k = n − popcount non-placeholder side nodes     |
 * | 43 + m + 48k  | 4                 | valueLength (uint32)                                |
 * | 47 + m + 48k  | valueLength       | value (the leaf's stored data: relay bytes)         |
 */
export const WEIGHTED_PROOF_VERSION = 0x01
/** Offset of the leaf path. */
export const PATH_OFFSET = 1
/** Offset of the weight. */
export const WEIGHT_OFFSET = 33
/** Offset of the side-node count. */
export const COUNT_OFFSET = 41
/** Offset of the bitmap (the fixed header's length). */
export const BITMAP_OFFSET = 43
