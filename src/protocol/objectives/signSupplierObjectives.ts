import type { Hex } from '../bytes/bytes.ts'
import { signDigest } from '../signature/signDigest.ts'
import { hashSupplierObjectives } from './hashSupplierObjectives.ts'
import type { SignedSupplierObjectives, SupplierObjectives } from './types.ts'

/**
 * Signs an advertisement with the supplier operator's key (EIP-191, deterministic nonces, low-S): the
 * same signature a wallet's `personal_sign` gives over the tagged canonical JSON.
 *
 * @param objectives - the advertisement; `objectives.supplier` must be the key's address.
 * @param privateKey - the operator's key.
 * @returns the advertisement and its signature.
 * @example
 * const signed = signSupplierObjectives({ version: 1, supplier, services, issuedAt: Date.now() }, key)
 */
export function signSupplierObjectives(
  objectives: SupplierObjectives,
  privateKey: Hex,
): SignedSupplierObjectives {
  return { objectives, signature: signDigest(privateKey, hashSupplierObjectives(objectives)) }
}
