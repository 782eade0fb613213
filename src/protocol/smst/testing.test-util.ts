import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { sha256Into } from './sha256Into.ts'

/** UTF-8 bytes of a string. */
export const utf8 = (text: string) => new TextEncoder().encode(text)

/** sha256 as a fresh array. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32)
  sha256Into(bytes, out, 0)
  return out
}

/** A deterministic 32-byte seed from a label. */
export const seedOf = (label: string | number) => sha256(utf8(`seed ${label}`))

/** A trie with decai's settings holding `weights.length` leaves keyed `key i`, valued `value i`. */
export function trieOf(weights: readonly bigint[], label = ''): SparseMerkleSumTrie {
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
  weights.forEach((weight, i) => {
    trie.update(utf8(`key ${label}${i}`), utf8(`value ${label}${i}`), weight)
  })
  return trie
}
