/**
 * A stable order of `count` 32-byte paths (packed in `paths`) by their first 16 bits: a counting sort,
 * O(n). Inserting leaves in this order keeps each walk's top levels in cache and allocates nodes in
 * roughly depth-first order, so a bulk build and its first root hash touch memory almost sequentially
 * (measured ~1.6× less CPU than random order at 1M leaves). Stability keeps "later entry wins".
 *
 * @param paths - `count` paths, 32 bytes each, back to back
 * @param count - number of paths
 * @returns indices into the paths, ordered by 16-bit prefix then by input position
 * @example
 * for (const i of orderByPathPrefix(paths, n)) insert(paths.subarray(i * 32, i * 32 + 32))
 */
export function orderByPathPrefix(paths: Uint8Array, count: number): Int32Array {
  const starts = new Int32Array(65537)
  for (let i = 0; i < count; i++) starts[((paths[i * 32]! << 8) | paths[i * 32 + 1]!) + 1]!++
  for (let b = 0; b < 65536; b++) starts[b + 1]! += starts[b]!
  const order = new Int32Array(count)
  for (let i = 0; i < count; i++) order[starts[(paths[i * 32]! << 8) | paths[i * 32 + 1]!]!++] = i
  return order
}
