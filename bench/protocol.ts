/**
 * The protocol core's hot paths in one run: sum-trie updates and proofs, signatures, relay hashing,
 * Keccak-256 by input size, and persisted inserts. Each part lives in bench/protocol/<part>.ts.
 */
import { benchKeccak } from './protocol/keccak.ts'
import { benchSignature } from './protocol/signature.ts'
import { benchSmst } from './protocol/smst.ts'
import { benchStore } from './protocol/store.ts'

const goals = {
  smstUpdateUs_1M: '≤ 5 µs in memory',
  persistedInsertsPerSec: '≥ 50 000',
  smstProofBytes_1M: '≤ 1 200 bytes',
  signaturesRecoveredPerSec: '≥ 20 000 on one core',
}

export async function run(): Promise<Record<string, unknown>> {
  const signature = await benchSignature()
  const keccak = await benchKeccak()
  const smst = await benchSmst()
  const store = await benchStore()
  return { goals, signature, keccak, smst, store }
}
