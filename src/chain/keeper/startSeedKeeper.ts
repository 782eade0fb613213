import { type Logger, pino } from 'pino'
import { recordSessionSeed } from '../actions/recordSessionSeed.ts'
import { ChainTxRevertedError } from '../errors/transaction.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'

export type StartSeedKeeperParameters = {
  /** A ledger whose clients have an account to pay for the recording transactions. */
  ledger: Ledger
  /** How often to look at the chain. Default: the clients' polling interval. */
  pollingIntervalMs?: number | undefined
  logger?: Logger | undefined
  /** Called after each seed it recorded (tests and metrics). */
  onRecorded?: ((seed: { kind: 'session' | 'proof'; session: bigint }) => void) | undefined
}

export type StartSeedKeeperReturnType = { stop: () => Promise<void> }

/**
 * Starts a keeper that records every session seed at its session's start and every proof seed as soon as
 * its block exists, so that neither depends on `blockhash` later: it reaches back only 256 blocks, and an
 * anvil restarted from a state file answers a predictable stand-in for older blocks (DESIGN §3). Claims and
 * settlement record seeds too; the keeper makes it independent of when they run. Anyone may run one; a
 * second keeper only wastes gas (recording is idempotent).
 *
 * @returns `{ stop }`
 * @example
 * const keeper = startSeedKeeper({ ledger, logger })
 * // … on shutdown
 * await keeper.stop()
 */
export function startSeedKeeper(parameters: StartSeedKeeperParameters): StartSeedKeeperReturnType {
  const { ledger, onRecorded } = parameters
  const logger = (parameters.logger ?? ledger.clients.logger ?? pino({ level: 'silent' })).child({
    component: 'seedKeeper',
  })
  const intervalMs = parameters.pollingIntervalMs ?? ledger.clients.pollingIntervalMs
  const state = { nextSession: 0n, nextProofSession: 0n }
  const abort = new AbortController()
  const tick = async () => {
    const current = await readLedger(ledger, 'sessions', 'currentSession', [])
    if (state.nextSession === 0n) Object.assign(state, { nextSession: current, nextProofSession: current })
    while (state.nextSession <= current) {
      const outcome = await record(ledger, 'session', state.nextSession, logger)
      if (outcome === 'not yet') break
      if (outcome) onRecorded?.({ kind: 'session', session: state.nextSession })
      state.nextSession++
    }
    for (;;) {
      const outcome = await record(ledger, 'proof', state.nextProofSession, logger)
      if (outcome === 'not yet') break
      if (outcome) onRecorded?.({ kind: 'proof', session: state.nextProofSession })
      state.nextProofSession++
    }
  }
  const loop = (async () => {
    while (!abort.signal.aborted) {
      await tick().catch((err: unknown) =>
        logger.warn({ err }, 'seed keeper cannot reach the chain; retrying'),
      )
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  })()
  return {
    stop: async () => {
      abort.abort()
      await loop
    },
  }
}

/** `true` when recorded now, `false` when already recorded or out of reach, `'not yet'` when too early. */
async function record(ledger: Ledger, kind: 'session' | 'proof', session: bigint, logger: Logger) {
  try {
    const { seed } = await recordSessionSeed(ledger, { session, kind })
    return seed !== undefined
  } catch (error) {
    const name = error instanceof ChainTxRevertedError ? error.errorName : undefined
    if (name === 'ProofSeedNotYetKnown' || name === 'SessionNotStarted') return 'not yet'
    if (name === 'SessionSeedUnavailable') {
      logger.warn(
        { session },
        'session seed is out of blockhash reach and was never recorded; claims for it will fail',
      )
      return false
    }
    throw error
  }
}
