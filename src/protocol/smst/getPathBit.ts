/**
 * Bit `depth` of a path, MSB-first (bit 0 is the top bit of byte 0); 0 means left, 1 means right,
 * as in `pokt-network/smt`.
 *
 * @param path - a 32-byte path
 * @param depth - 0 … 255
 * @returns 0 or 1
 * @example
 * getPathBit(new Uint8Array([0x80]), 0) // 1
 */
export function getPathBit(path: Uint8Array, depth: number): number {
  return (path[depth >> 3]! >> (7 - (depth & 7))) & 1
}

/**
 * Flips bit `depth` of a path in place (MSB-first), as closest proofs do when a side is empty.
 *
 * @param path - the path to modify
 * @param depth - 0 … 255
 * @example
 * const p = new Uint8Array(32); flipPathBit(p, 3) // p[0] === 0x10
 */
export function flipPathBit(path: Uint8Array, depth: number): void {
  path[depth >> 3]! ^= 0x80 >> (depth & 7)
}
