import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import type { LedgerParams } from './types.ts'

export type GetParamsParameters = {
  /** The session whose parameters to read (spec: parameters are versioned per session). Default: the current one. */
  session?: bigint | undefined
}
export type GetParamsReturnType = {
  session: bigint
  numBlocksPerSession: bigint
  genesisHeight: bigint
  params: LedgerParams
}

/**
 * Reads the governed parameters in force during a session, with the session grid.
 *
 * @returns the session it answered for, the grid and the parameters
 * @throws {ChainCallRevertedError} (`SessionBeforeGenesis` for session 0)
 * @example
 * const { params } = await getParams(ledger)
 * params.suppliersPerSession // 12
 */
export async function getParams(
  ledger: Ledger,
  { session }: GetParamsParameters = {},
): Promise<GetParamsReturnType> {
  const number = session ?? (await readLedger(ledger, 'params', 'currentSession', []))
  const params = await readLedger(ledger, 'params', 'paramsAt', [number])
  return {
    session: number,
    numBlocksPerSession: ledger.numBlocksPerSession,
    genesisHeight: ledger.genesisHeight,
    params,
  }
}
