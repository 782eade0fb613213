import { DIGEST_BYTES } from './constants.ts'

/**
 * Whether a digest is the 48-byte placeholder (all zeros): the digest of an empty subtree.
 *
 * @param node - a digest
 * @returns true for 48 zero bytes
 * @example
 * isPlaceholder(new Uint8Array(48)) // true
 */
export function isPlaceholder(node: Uint8Array): boolean {
  if (node.length !== DIGEST_BYTES) return false
  for (let i = 0; i < DIGEST_BYTES; i++) if (node[i] !== 0) return false
  return true
}
