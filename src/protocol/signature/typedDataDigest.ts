import { keccak256 } from './keccak256.ts'

/** `keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash)` (EIP-712). */
export function typedDataDigest(domainSeparator: Uint8Array, structHash: Uint8Array): Uint8Array {
  const out = new Uint8Array(66)
  out[0] = 0x19
  out[1] = 0x01
  out.set(domainSeparator, 2)
  out.set(structHash, 34)
  return keccak256(out)
}
