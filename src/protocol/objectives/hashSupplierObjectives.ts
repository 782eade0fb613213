import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { canonicalJson } from '../relay/canonicalJson.ts'
import { keccak256 } from '../signature/keccak256.ts'
import type { SupplierObjectives } from './types.ts'

// A domain tag inside the signed message, so the signature can never be replayed as another statement.
const objectivesDomain = 'decai-supplier-objectives/1\n'

/**
 * The digest an advertisement is signed over: EIP-191 personal message ("\x19Ethereum Signed
 * Message:\n" + byte length + message) of a domain tag and the advertisement's canonical JSON (RFC
 * 8785), so any wallet can produce it and any verifier re-derives it from the JSON alone.
 *
 * @param objectives - the advertisement.
 * @returns the 32-byte digest as 0x hex.
 * @example
 * hashSupplierObjectives({ version: 1, supplier, services: { 'llama-tiny': { ttftP90Ms: 800 } }, issuedAt })
 */
export function hashSupplierObjectives(objectives: SupplierObjectives): Hex {
  const message = new TextEncoder().encode(objectivesDomain + canonicalJson(objectives, 'objectives'))
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${message.length}`)
  const bytes = new Uint8Array(prefix.length + message.length)
  bytes.set(prefix, 0)
  bytes.set(message, prefix.length)
  return bytesToHex(keccak256(bytes))
}
