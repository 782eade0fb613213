import type { Address, Hex } from 'viem'
import type { SessionHeader } from '../../protocol/relay/types.ts'

export type { SessionHeader }

/** A claim as submitted; proofs and settlement re-supply it (the ledger stores only its hash). */
export type ClaimData = {
  session: SessionHeader
  supplierOperator: Address
  /** 48 bytes: sum-trie root hash ‖ uint64 sum ‖ uint64 count. */
  root: Hex
}

export type { LedgerParams } from '../deploy/ledgerContracts.ts'

/** A service's pricing (Solidity `Pricing`): compute units per relay and the champion's share. */
export type ServicePricing = {
  cuPerRequest: bigint
  cuPerInputToken: bigint
  cuPerOutputToken: bigint
  championBps: number
}

/** A supplier's service and its endpoint URL (Solidity `ServiceConfig`). */
export type SupplierServiceConfig = { serviceId: string; endpoint: string }

/** One entry of a supplier's revenue-share list (Solidity `RevenueShare`), in basis points. */
export type RevenueShare = { recipient: Address; bps: number }

/** A claim's on-chain status (Solidity `Claims.STATUS_*`). */
export type ClaimStatus = 'none' | 'claimed' | 'proven'

/** What every write returns: where it landed and what it cost. */
export type WriteResult = { transactionHash: Hex; blockNumber: bigint; gasUsed: bigint }

/**
 * Picks the fields of a receipt every write reports.
 *
 * @example
 * return toWriteResult(await writeLedger(ledger, 'gateways', 'stake', [amount]))
 */
export function toWriteResult({
  transactionHash,
  receipt,
}: {
  transactionHash: Hex
  receipt: { blockNumber: bigint; gasUsed: bigint }
}): WriteResult {
  return { transactionHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
}
