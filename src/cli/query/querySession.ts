import type { Address } from 'viem'
import {
  computeServiceKey,
  getDifficulty,
  getService,
  getSession,
  getSessionSuppliers,
  type Ledger,
} from '../../chain/index.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'

/**
 * A session of (application, service): its header, seed, timeline and the suppliers drawn into it with
 * their endpoints (candidates are the suppliers that ever staked for the service).
 *
 * @returns the session and its suppliers
 * @example
 * const session = await querySession(ledger, { application, serviceId: 'decai-tiny' })
 */
export async function querySession(
  ledger: Ledger,
  parameters: { application: Address; serviceId: string; session?: bigint | undefined },
) {
  // An unknown service has sessions too (the math is the same); the ledger's ServiceNotFound says it is unknown.
  const [session] = await Promise.all([
    getSession(ledger, parameters),
    getService(ledger, { serviceId: parameters.serviceId }),
  ])
  const added = await getLedgerEvents(ledger, 'suppliers', 'SupplierServiceAdded', {
    args: { serviceKey: computeServiceKey(parameters.serviceId) },
  })
  const candidates = [...new Set(added.map((log) => log.args.operator))]
  const suppliers = await getSessionSuppliers(ledger, {
    header: session.header,
    session: session.session,
    candidates,
  })
  return { ...session, suppliers }
}

/**
 * A service's relay-mining difficulty now and every change the control law made (`DifficultyUpdated`).
 *
 * @returns the target in force, the EMA, and the history oldest first
 * @example
 * const { target, history } = await queryDifficulty(ledger, { serviceId: 'decai-tiny' })
 */
export async function queryDifficulty(
  ledger: Ledger,
  parameters: { serviceId: string; session?: bigint | undefined },
) {
  const [current, , updates] = await Promise.all([
    getDifficulty(ledger, parameters),
    getService(ledger, { serviceId: parameters.serviceId }), // throws ServiceNotFound for an unknown id
    getLedgerEvents(ledger, 'services', 'DifficultyUpdated', {
      args: { serviceKey: computeServiceKey(parameters.serviceId) },
    }),
  ])
  const history = updates.map((log) => ({
    blockNumber: log.blockNumber,
    settledSession: log.args.settledSession,
    fromSession: log.args.fromSession,
    estimatedRelays: log.args.estimatedRelays,
    ema: log.args.ema,
    target: log.args.target,
  }))
  return { serviceId: parameters.serviceId, ...current, history }
}
