import type { Ledger } from '../../../src/chain/index.ts'
import { readLedger } from '../../../src/chain/index.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'
import { type LedgerOutcome, readOutcome } from './expectLedgerMatchesProtocol.ts'
import { readChainPosition, waitFor } from './ledgerView.ts'

/**
 * Waits until everything the traffic sent so far can produce has happened on the ledger: the current
 * session (the last one relays could belong to) is past its settlement height, and every claim of the
 * application since `fromBlock` has a settlement outcome.
 *
 * @returns the claims, settlements and proofs
 * @example
 * const outcome = await waitForSettled(ledger, { application, fromBlock })
 */
export async function waitForSettled(
  ledger: Ledger,
  filters: { application: Hex; fromBlock: bigint },
): Promise<LedgerOutcome> {
  const { session } = await readChainPosition(ledger)
  const timeline = await readLedger(ledger, 'sessions', 'timeline', [session])
  const settlementHeight = timeline[6]
  await waitFor(`block ${settlementHeight} (session ${session} settleable)`, async () =>
    (await ledger.clients.publicClient.getBlockNumber()) > settlementHeight ? true : undefined,
  )
  return waitFor(`settlement of every claim up to session ${session}`, async () => {
    const outcome = await readOutcome(ledger, filters)
    const settled = new Set(outcome.settlements.map((s) => s.claimKey))
    return outcome.claims.every((claim) => settled.has(claim.claimKey)) ? outcome : undefined
  })
}
