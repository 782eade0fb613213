import type { Hex } from '../bytes/bytes.ts'
import { recoverDigestSigner } from '../signature/recoverDigestSigner.ts'
import { hashSupplierObjectives } from './hashSupplierObjectives.ts'
import type { SignedSupplierObjectives } from './types.ts'

/**
 * Whether an advertisement was signed by the supplier it names, and that supplier is `expectedSupplier`.
 * A body with no canonical form or a signature that does not recover is simply not verified.
 *
 * @param signed - the advertisement and signature, already shape-checked.
 * @param expectedSupplier - the operator address the verifier looked it up for.
 * @returns true when the signature recovers to both.
 * @example
 * if (!verifySupplierObjectives(signed, target.supplier)) useConfiguredObjectives()
 */
export function verifySupplierObjectives(signed: SignedSupplierObjectives, expectedSupplier: Hex): boolean {
  const claimed = signed.objectives.supplier.toLowerCase()
  if (claimed !== expectedSupplier.toLowerCase()) return false
  try {
    return recoverDigestSigner(hashSupplierObjectives(signed.objectives), signed.signature) === claimed
  } catch {
    return false
  }
}
