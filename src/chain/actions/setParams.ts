import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type LedgerParams, toWriteResult, type WriteResult } from './types.ts'

export type SetParamsParameters = { params: LedgerParams }
export type SetParamsReturnType = WriteResult & { version: bigint; fromSession: bigint }

/**
 * Schedules new governed parameters from the next session on (governance only). A second change in the same
 * session replaces the pending one; sessions already under way keep the parameters they started with.
 *
 * @returns the transaction, the parameter version and the first session it applies to
 * @throws {ChainTxRevertedError} `OwnableUnauthorizedAccount`, `InvalidParam(name)`
 * @example
 * const { params } = await getParams(ledger)
 * await setParams(ledger, { params: { ...params, suppliersPerSession: 24 } })
 */
export async function setParams(
  ledger: Ledger,
  { params }: SetParamsParameters,
): Promise<SetParamsReturnType> {
  const sent = await writeLedger(ledger, 'params', 'setParams', [params])
  const [scheduled] = parseLedgerEvents(ledger, 'params', sent.receipt, 'ParamsScheduled')
  return {
    ...toWriteResult(sent),
    version: scheduled!.args.version,
    fromSession: scheduled!.args.fromSession,
  }
}
