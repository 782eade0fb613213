import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { writeAddressWord } from '../relay/abiWords.ts'
import { IntegerOutOfRangeError, InvalidFieldError } from '../relay/errors.ts'
import { keccak256 } from './keccak256.ts'
import { type RelayDomain, relayDomainName, relayDomainVersion } from './typedData.ts'
import { typeHashes } from './typeHashes.ts'

const nameHash = keccak256(new TextEncoder().encode(relayDomainName))
const versionHash = keccak256(new TextEncoder().encode(relayDomainVersion))

// A node serves one or two chains; the bound only keeps a misbehaving caller from growing it forever.
const cache = new Map<string, Uint8Array>()
const MAX_CACHED = 64

function chainIdWord(chainId: unknown): bigint {
  const value = typeof chainId === 'number' && Number.isSafeInteger(chainId) ? BigInt(chainId) : chainId
  if (typeof value !== 'bigint' || value < 0n || value >> 256n !== 0n)
    throw new IntegerOutOfRangeError({ field: 'domain.chainId', type: 'uint256', value: chainId })
  return value
}

function compute(domain: RelayDomain): Uint8Array {
  if (domain.name !== undefined && domain.name !== relayDomainName)
    throw new InvalidFieldError({ field: 'domain.name', reason: `must be '${relayDomainName}'` })
  if (domain.version !== undefined && domain.version !== relayDomainVersion)
    throw new InvalidFieldError({ field: 'domain.version', reason: `must be '${relayDomainVersion}'` })
  const out = Buffer.alloc(5 * 32)
  out.set(typeHashes.EIP712Domain, 0)
  out.set(nameHash, 32)
  out.set(versionHash, 64)
  out.write(chainIdWord(domain.chainId).toString(16).padStart(64, '0'), 96, 32, 'hex')
  writeAddressWord(out, 128, domain.verifyingContract, 'domain.verifyingContract')
  return keccak256(out)
}

/** The domain separator as bytes, memoised per (chainId, verifyingContract): it is on every digest. */
export function domainSeparatorBytes(domain: RelayDomain): Uint8Array {
  const key = `${domain.chainId}:${domain.verifyingContract}:${domain.name}:${domain.version}`
  let separator = cache.get(key)
  if (separator === undefined) {
    separator = compute(domain)
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(key, separator)
  }
  return separator
}

/**
 * The EIP-712 domain separator of `{ name: 'decai', version: '1', chainId, verifyingContract }` (spec §4);
 * equals viem's `hashDomain` and Solidity's `_domainSeparatorV4()`.
 *
 * @param domain - chain id and the ledger contract that verifies proofs.
 * @returns the 32-byte separator as hex.
 * @throws {IntegerOutOfRangeError} a chain id that is not a uint256; {InvalidFieldError} a wrong name,
 *   version or contract address.
 *
 * @example
 * computeDomainSeparator({ chainId: 31337, verifyingContract: '0x5fbdb2315678afecb367f032d93f642f64180aa3' })
 */
export function computeDomainSeparator(domain: RelayDomain): Hex {
  return bytesToHex(domainSeparatorBytes(domain))
}
