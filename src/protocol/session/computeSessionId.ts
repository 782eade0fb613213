import jsSha3 from 'js-sha3'
import { concatBytes, type Hex, hexToBytes, isHex } from '../bytes/bytes.ts'
import {
  SessionInvalidApplicationError,
  SessionInvalidHeightError,
  SessionInvalidSeedError,
  SessionInvalidServiceIdError,
} from './errors.ts'

export type ComputeSessionIdParameters = {
  /** The session's 32-byte seed as recorded by the ledger (POKT: the block hash at the session start). */
  seed: Uint8Array | Hex
  serviceId: string
  /** decai: the application's `0x` address (lower-cased here); POKT: its bech32 string, used verbatim. */
  application: string
  sessionStartHeight: bigint
}
export type ComputeSessionIdReturnType = Hex
export type ComputeSessionIdErrorType =
  | SessionInvalidSeedError
  | SessionInvalidServiceIdError
  | SessionInvalidApplicationError
  | SessionInvalidHeightError

const DOT = new Uint8Array([0x2e])
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/
const utf8 = new TextEncoder()

/**
 * The session id (spec §3.3, POKT's algorithm):
 * `sha3_256(seed ‖ "." ‖ serviceId ‖ "." ‖ application ‖ "." ‖ uint64_LE(sessionStartHeight))`.
 * SHA3 is FIPS 202, not Keccak. A `0x` address is lower-cased first, so a checksummed address yields the
 * id the ledger computes; any other string (POKT's bech32) is hashed as given, which is how POKT's
 * published vectors check this function.
 *
 * @param parameters - Seed, service id, application and session start height.
 * @returns The 32-byte session id as lower-case `0x` hex.
 * @throws SessionInvalidSeedError, SessionInvalidServiceIdError, SessionInvalidApplicationError,
 *   SessionInvalidHeightError
 *
 * @example
 * computeSessionId({
 *   seed: '0x251665c7cf286a30fbd98acd983c63e9a34efc16496511373405e24eb02a8fb9',
 *   serviceId: 'svc1',
 *   application: 'pokt1mdccn4u38eyjdxkk4h0jaddw4n3c72u82m5m9e',
 *   sessionStartHeight: 9n,
 * }) // '0xfea5d6f7544ff6d8af5c22529b2ccf01ed7930b3d454d42dda5ccc0b65b6ebfd'
 */
export function computeSessionId(parameters: ComputeSessionIdParameters): ComputeSessionIdReturnType {
  const { serviceId, sessionStartHeight } = parameters
  const seed = toSeedBytes(parameters.seed)
  if (typeof serviceId !== 'string' || serviceId.length === 0)
    throw new SessionInvalidServiceIdError({ serviceId })
  const application = normalizeApplication(parameters.application)
  if (typeof sessionStartHeight !== 'bigint' || sessionStartHeight < 0n || sessionStartHeight >= 2n ** 64n)
    throw new SessionInvalidHeightError({ height: sessionStartHeight, reason: 'must be a uint64 bigint' })
  const start = new Uint8Array(8)
  new DataView(start.buffer).setBigUint64(0, sessionStartHeight, true)
  const preimage = concatBytes(seed, DOT, utf8.encode(serviceId), DOT, utf8.encode(application), DOT, start)
  return `0x${jsSha3.sha3_256(preimage)}`
}

function toSeedBytes(seed: Uint8Array | Hex): Uint8Array {
  const bytes = seed instanceof Uint8Array ? seed : isHex(seed) ? hexToBytes(seed) : undefined
  if (bytes?.length !== 32) throw new SessionInvalidSeedError({ length: bytes?.length })
  return bytes
}

function normalizeApplication(application: string): string {
  // The seed (32 bytes) and the height (8 bytes) have fixed widths; an application without "." makes the
  // preimage decodable, so distinct inputs can never share a preimage whatever the service id contains.
  if (typeof application !== 'string' || application.length === 0 || application.includes('.'))
    throw new SessionInvalidApplicationError({ application })
  return ADDRESS_RE.test(application) ? application.toLowerCase() : application
}
