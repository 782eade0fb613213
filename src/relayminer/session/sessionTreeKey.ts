import type { Hex } from '../../protocol/bytes/bytes.ts'

/**
 * The store key of a supplier's tree for one session: `<supplier>/<sessionId>`, lower-case hex. The
 * session header itself is not stored beside it: every leaf is a relay whose bytes carry the header.
 *
 * @param supplier - the supplier operator address
 * @param sessionId - the session id
 * @returns the key
 * @example
 * sessionTreeKey('0xAbC…', '0x12…') // '0xabc…/0x12…'
 */
export function sessionTreeKey(supplier: Hex, sessionId: Hex): string {
  return `${supplier.toLowerCase()}/${sessionId.toLowerCase()}`
}
