import { computeMaxRelayComputeUnits } from '../../protocol/settlement/computeMaxRelayComputeUnits.ts'
import { computeOffchainRelayBudget } from '../../protocol/settlement/computeOffchainRelayBudget.ts'
import type { TokenBounds } from '../../protocol/settlement/types.ts'
import { RateLimitedError } from '../errors.ts'
import type { OnchainSession } from '../ports.ts'

/** A charge held for one relay until its usage is known. */
export type MeterReservation = {
  /** Charges the actual compute units and returns the rest of the reservation to the budget. */
  settle(computeUnits: bigint): void
  /** Returns the whole reservation (the relay failed and is not a relay the supplier can claim). */
  release(): void
}

/** The off-chain meter of application budgets per supplier and session. */
export type RelayMeter = {
  /**
   * Reserves the most a relay can cost under its signed bounds.
   * @throws {RateLimitedError} when the budget cannot cover it
   */
  reserve(parameters: { treeKey: string; session: OnchainSession; bounds: TokenBounds }): MeterReservation
  /** Forgets sessions whose relay window ended before `height`. */
  evict(height: bigint): void
  readonly size: number
}

export type CreateRelayMeterParameters = {
  /**
   * What a session already spent before this process started, in the numerators of `cuToToken`
   * (the relays the store kept, scaled by the difficulty multiplier); default nothing.
   */
  spentBefore?: (treeKey: string, session: OnchainSession) => bigint
}

type Account = { limit: bigint; spent: bigint; reserved: bigint; graceEndHeight: bigint }

/**
 * Creates the meter (spec §7.4, §7.7): each (supplier, session) has the application's off-chain budget
 * `floor(floor(appStake / suppliersPerSession) / (numPendingSessions + 1))`, at least as strict as the
 * on-chain cap. A relay reserves `maxCU · num/den` before the backend call and settles to `cu · num/den`
 * when its usage is known, so concurrent relays can never jointly overshoot. Amounts are kept as
 * numerators over `cuToToken.denominator`: exact, no rounding.
 *
 * @param parameters - optional restart hook
 * @returns the meter
 * @example
 * const reservation = meter.reserve({ treeKey, session, bounds: request })
 * try { …; reservation.settle(computeUnits) } catch (error) { reservation.release(); throw error }
 */
export function createRelayMeter(parameters: CreateRelayMeterParameters = {}): RelayMeter {
  const accounts = new Map<string, Account>()

  const accountOf = (treeKey: string, session: OnchainSession): Account => {
    let account = accounts.get(treeKey)
    if (!account) {
      const budget = computeOffchainRelayBudget({
        appStake: session.application?.stake ?? 0n,
        suppliersPerSession: session.suppliersPerSession,
        numPendingSessions: session.numPendingSessions,
      })
      account = {
        limit: budget * session.cuToToken.denominator,
        spent: parameters.spentBefore?.(treeKey, session) ?? 0n,
        reserved: 0n,
        graceEndHeight: session.timeline.graceEndHeight,
      }
      accounts.set(treeKey, account)
    }
    return account
  }

  return {
    reserve({ treeKey, session, bounds }) {
      const account = accountOf(treeKey, session)
      const rate = session.cuToToken.numerator
      const held = computeMaxRelayComputeUnits(session.pricing, bounds) * rate
      if (account.spent + account.reserved + held > account.limit)
        throw new RateLimitedError({ sessionEndHeight: session.header.sessionEndHeight })
      account.reserved += held
      let isOpen = true
      return {
        settle(computeUnits) {
          if (!isOpen) return
          isOpen = false
          account.reserved -= held
          // The backend's usage is clamped to the signed bounds before this point, so charge ≤ held.
          account.spent += computeUnits * rate
        },
        release() {
          if (!isOpen) return
          isOpen = false
          account.reserved -= held
        },
      }
    },
    evict(height) {
      for (const [key, account] of accounts) if (height > account.graceEndHeight) accounts.delete(key)
    },
    get size() {
      return accounts.size
    },
  }
}
