import jsSha3 from 'js-sha3'

/**
 * Keccak-256 (Ethereum's, not FIPS SHA3-256). js-sha3 because it is the fastest pure-JS keccak here (about
 * twice viem's) and Node's OpenSSL has no keccak.
 */
export function keccak256(data: Uint8Array): Uint8Array {
  return new Uint8Array(jsSha3.keccak256.arrayBuffer(data))
}
