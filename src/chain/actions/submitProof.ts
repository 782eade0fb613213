import type { Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type ClaimData, toWriteResult, type WriteResult } from './types.ts'

export type SubmitProofParameters = {
  claim: ClaimData
  /** The encoded proof the `Proofs` contract expects: the drawn relay and its sum-trie path. */
  proof: Hex
}
export type SubmitProofReturnType = WriteResult & { relayHash: Hex; computeUnits: bigint }

/**
 * Proves a claim inside the proof window: the ledger verifies the drawn relay's signatures, session,
 * difficulty, usage bounds and sum-trie path to the claimed root.
 *
 * @returns the transaction, the proven relay's hash and its compute units
 * @throws {ChainTxRevertedError} `OutsideProofWindow`, `ClaimNotFound`, `ProofAlreadySubmitted`,
 *   `InvalidRequestSignature`, `UnauthorizedRequestSigner`, `RelayNotMined`, `UsageOutOfBounds`, …
 * @example
 * await submitProof(ledger, { claim, proof })
 */
export async function submitProof(
  ledger: Ledger,
  { claim, proof }: SubmitProofParameters,
): Promise<SubmitProofReturnType> {
  const sent = await writeLedger(ledger, 'proofs', 'submitProof', [claim, proof])
  const [accepted] = parseLedgerEvents(ledger, 'proofs', sent.receipt, 'ProofAccepted')
  return {
    ...toWriteResult(sent),
    relayHash: accepted!.args.relayHash,
    computeUnits: accepted!.args.computeUnits,
  }
}
