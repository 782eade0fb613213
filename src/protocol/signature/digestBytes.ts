import type { Hex } from '../bytes/bytes.ts'
import { writeHex } from '../relay/abiWords.ts'

/** A 32-byte digest from hex, validated (ENCODING_INVALID_HEX / ENCODING_INVALID_FIELD). */
export function digestBytes(digest: Hex): Uint8Array {
  const out = Buffer.alloc(32)
  writeHex(out, 0, digest, 32, 'digest')
  return out
}
