import { type Hex, keccak256, stringToBytes } from 'viem'

/**
 * The ledger's storage key of a service id, `keccak256(bytes(serviceId))` (as `Services.serviceKey`);
 * events carry it instead of the id.
 *
 * @returns the 32-byte key
 * @example
 * computeServiceKey('llama-tiny') // '0x…'
 */
export function computeServiceKey(serviceId: string): Hex {
  return keccak256(stringToBytes(serviceId))
}
