import { describe, expect, it } from 'vitest'
import { MAX_UINT64 } from './constants.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { sha256, trieOf, utf8 } from './testing.test-util.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('SparseMerkleSumTrie', () => {
  it('default: empty trie has the placeholder root, sum 0, count 0', () => {
    const trie = new SparseMerkleSumTrie()
    expect(trie.root()).toEqual(new Uint8Array(48))
    expect(trie.sum()).toBe(0n)
    expect(trie.count()).toBe(0)
    expect(trie.valueHasher).toBe('sha256')
  })

  it('behavior: update, get, has; the root carries sum and count', () => {
    const trie = trieOf([5n, 7n])
    expect(trie.get(utf8('key 0'))).toEqual({ value: utf8('value 0'), weight: 5n })
    expect(trie.has(utf8('key 1'))).toBe(true)
    expect(trie.get(utf8('absent'))).toBeUndefined()
    expect(trie.has(utf8('absent'))).toBe(false)
    expect(hex(trie.root().subarray(32))).toBe(`${'0'.repeat(15)}c${'0'.repeat(15)}2`)
  })

  it('behavior: the default value hasher stores sha256(value)', () => {
    const trie = new SparseMerkleSumTrie()
    trie.update(utf8('k'), utf8('v'), 1n)
    expect(trie.get(utf8('k'))?.value).toEqual(sha256(utf8('v')))
    const raw = new SparseMerkleSumTrie({ valueHasher: 'none' })
    raw.update(utf8('k'), utf8('v'), 1n)
    expect(raw.root()).not.toEqual(trie.root())
  })

  it('behavior: replacing a leaf updates sum and root, not count', () => {
    const trie = trieOf([5n, 7n])
    const before = trie.root()
    trie.update(utf8('key 0'), utf8('other'), 9n)
    expect(trie.sum()).toBe(16n)
    expect(trie.count()).toBe(2)
    expect(trie.root()).not.toEqual(before)
    trie.update(utf8('key 0'), utf8('value 0'), 5n)
    expect(trie.root()).toEqual(before)
  })

  it('behavior: delete restores the root of a trie built without the leaf', () => {
    const trie = trieOf([1n, 2n, 3n, 4n, 5n])
    trie.delete(utf8('key 2'))
    const fresh = new SparseMerkleSumTrie({ valueHasher: 'none' })
    for (const i of [0, 1, 3, 4]) fresh.update(utf8(`key ${i}`), utf8(`value ${i}`), BigInt(i + 1))
    expect(trie.root()).toEqual(fresh.root())
    expect(trie.sum()).toBe(12n)
    expect(trie.count()).toBe(4)
    for (const i of [0, 1, 3, 4]) trie.delete(utf8(`key ${i}`))
    expect(trie.root()).toEqual(new Uint8Array(48))
  })

  it('behavior: the root is computed lazily and stays right across interleaved reads', () => {
    const trie = trieOf([])
    const roots: string[] = []
    for (let i = 0; i < 20; i++) {
      trie.update(utf8(`k${i}`), utf8(`v${i}`), BigInt(i))
      if (i % 3 === 0) roots.push(hex(trie.root()))
    }
    const again = trieOf([])
    for (let i = 0; i < 20; i++) {
      again.update(utf8(`k${i}`), utf8(`v${i}`), BigInt(i))
      if (i % 3 === 0) expect(hex(again.root())).toBe(roots[i / 3])
    }
  })

  it('behavior: leaves() lists every leaf in path order; fromLeaves rebuilds the same root', () => {
    const trie = trieOf([3n, 1n, 4n, 1n, 5n])
    const leaves = [...trie.leaves()]
    expect(leaves.map((leaf) => hex(leaf.path))).toEqual(leaves.map((leaf) => hex(leaf.path)).sort())
    expect(leaves.reduce((sum, leaf) => sum + leaf.weight, 0n)).toBe(14n)
    const entries = [4, 2, 0, 3, 1].map((i) => ({
      key: utf8(`key ${i}`),
      value: utf8(`value ${i}`),
      weight: [3n, 1n, 4n, 1n, 5n][i]!,
    }))
    expect(SparseMerkleSumTrie.fromLeaves(entries, { valueHasher: 'none' }).root()).toEqual(trie.root())
  })

  it('behavior: fromLeaves keeps the last of duplicate keys, accepts any iterable', () => {
    const entries = [
      { key: utf8('a'), value: utf8('first'), weight: 1n },
      { key: utf8('b'), value: utf8('b'), weight: 2n },
      { key: utf8('a'), value: utf8('second'), weight: 3n },
    ]
    const trie = SparseMerkleSumTrie.fromLeaves(new Set(entries), { valueHasher: 'none' })
    expect(trie.get(utf8('a'))).toEqual({ value: utf8('second'), weight: 3n })
    expect(trie.sum()).toBe(5n)
    expect(trie.count()).toBe(2)
  })

  it('behavior: zero weights are leaves (counted, never drawn)', () => {
    const trie = trieOf([0n, 0n])
    expect(trie.count()).toBe(2)
    expect(trie.sum()).toBe(0n)
    expect(() => trie.proveWeighted(new Uint8Array(32))).toThrow(
      expect.objectContaining({ code: 'SMST_EMPTY_TRIE' }),
    )
  })

  it('behavior: a sum of exactly 2^64 − 1 is accepted; a replace that keeps it in range too', () => {
    const trie = trieOf([MAX_UINT64 - 10n, 10n])
    expect(trie.sum()).toBe(MAX_UINT64)
    trie.update(utf8('key 1'), utf8('x'), 5n)
    expect(trie.sum()).toBe(MAX_UINT64 - 5n)
    expect(hex(trie.root().subarray(32, 40))).toBe('fffffffffffffffa')
  })

  it('error: delete of an absent key', () => {
    const trie = trieOf([1n])
    expect(() => trie.delete(utf8('absent'))).toThrow(expect.objectContaining({ code: 'SMST_KEY_NOT_FOUND' }))
    expect(trie.count()).toBe(1)
  })

  it.each([
    ['negative', -1n],
    ['above uint64', MAX_UINT64 + 1n],
    ['a number', 5 as unknown as bigint],
  ])('error: weight %s', (_, weight) => {
    expect(() => trieOf([]).update(utf8('k'), utf8('v'), weight)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_WEIGHT' }),
    )
  })

  it('error: a sum above 2^64 − 1 leaves the trie unchanged', () => {
    const trie = trieOf([MAX_UINT64])
    const root = trie.root()
    expect(() => trie.update(utf8('other'), utf8('v'), 1n)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_WEIGHT' }),
    )
    expect(trie.root()).toEqual(root)
    expect(trie.count()).toBe(1)
  })

  it('error: with pathHasher none, keys must be 32-byte paths; closest paths must be 32 bytes', () => {
    const trie = new SparseMerkleSumTrie({ pathHasher: 'none' })
    expect(() => trie.update(utf8('short'), utf8('v'), 1n)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PATH' }),
    )
    expect(() => trie.proveClosest(new Uint8Array(31))).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PATH' }),
    )
    expect(() => trie.proveWeighted(new Uint8Array(31))).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PATH' }),
    )
  })
})
