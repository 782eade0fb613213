import { computeServiceKey } from '../ledger/computeServiceKey.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'

export type GetDifficultyParameters = {
  serviceId: string
  /** The session whose target to read. Default: the current one. */
  session?: bigint | undefined
}
export type GetDifficultyReturnType = {
  session: bigint
  /** Relays hash below this are mined (spec §5). */
  target: bigint
  /** The control law's EMA of estimated relays per session (spec §6), 0 before the first settlement. */
  ema: bigint
  /** The last settled session fed into the EMA. */
  lastSession: bigint
}

/**
 * Reads a service's relay-mining difficulty for a session and the control law's state.
 *
 * @returns the target in force and the EMA state
 * @example
 * const { target } = await getDifficulty(ledger, { serviceId: 'llama-tiny' })
 */
export async function getDifficulty(
  ledger: Ledger,
  { serviceId, session }: GetDifficultyParameters,
): Promise<GetDifficultyReturnType> {
  const key = computeServiceKey(serviceId)
  const number = session ?? (await readLedger(ledger, 'sessions', 'currentSession', []))
  const [target, { ema, lastSession }] = await Promise.all([
    readLedger(ledger, 'services', 'targetAt', [key, number]),
    readLedgerRecord(ledger, 'services', 'difficulty', [key]),
  ])
  return { session: number, target, ema, lastSession }
}
