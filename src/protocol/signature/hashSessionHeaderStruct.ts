import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { writeAddressWord, writeHex, writeUint64Word } from '../relay/abiWords.ts'
import { serviceIdByteLength } from '../relay/sessionHeaderCodec.ts'
import type { SessionHeader } from '../relay/types.ts'
import { keccak256 } from './keccak256.ts'
import { typeHashes } from './typeHashes.ts'

type Memo = { session: SessionHeader; hash: Uint8Array }

// Every relay of a session carries the same header, so its struct hash (two of the request digest's four
// keccaks) is memoised by session id and reused only if every field matches.
const memo = new Map<string, Memo>()
const MAX_MEMO = 1024

function sameSession(a: SessionHeader, b: SessionHeader): boolean {
  return (
    a.application === b.application &&
    a.serviceId === b.serviceId &&
    a.sessionStartHeight === b.sessionStartHeight &&
    a.sessionEndHeight === b.sessionEndHeight
  )
}

function compute(session: SessionHeader): Uint8Array {
  const serviceId = Buffer.alloc(serviceIdByteLength(session.serviceId))
  serviceId.write(session.serviceId, 0, 'utf8')
  const out = Buffer.alloc(6 * 32)
  out.set(typeHashes.SessionHeader, 0)
  writeAddressWord(out, 32, session.application, 'session.application')
  out.set(keccak256(serviceId), 64)
  writeHex(out, 96, session.sessionId, 32, 'session.sessionId')
  writeUint64Word(out, 128, session.sessionStartHeight, 'session.sessionStartHeight')
  writeUint64Word(out, 160, session.sessionEndHeight, 'session.sessionEndHeight')
  return keccak256(out)
}

/** The struct hash as bytes (memoised). */
export function sessionHeaderStructBytes(session: SessionHeader): Uint8Array {
  const hit = memo.get(session.sessionId)
  if (hit !== undefined && sameSession(hit.session, session)) return hit.hash
  const hash = compute(session)
  if (memo.size >= MAX_MEMO) memo.clear()
  memo.set(session.sessionId, { session: { ...session }, hash })
  return hash
}

/**
 * EIP-712 `hashStruct(SessionHeader)` (spec §4).
 *
 * @param session - the session header.
 * @returns the 32-byte struct hash as hex.
 * @throws the ENCODING errors of `encodeSessionHeader` for fields that do not fit their types.
 *
 * @example
 * hashSessionHeaderStruct(request.session)
 */
export function hashSessionHeaderStruct(session: SessionHeader): Hex {
  return bytesToHex(sessionHeaderStructBytes(session))
}
