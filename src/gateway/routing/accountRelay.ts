import type { RelayResponse } from '../../protocol/relay/types.ts'
import { computeRelayComputeUnits } from '../../protocol/settlement/computeRelayComputeUnits.ts'
import type { GatewaySession } from '../ports.ts'

/** What a request cost, from the verified relays behind it (the usage ledger's entry). */
export type RelayAccounting = {
  inputTokens: number
  outputTokens: number
  computeUnits: bigint
  /** Expected token base units the application pays: compute units × cuToToken (spec §7.2, before mining). */
  costBaseUnits: number
  /** Relays whose signed response verified (a continued stream has several). */
  verifiedRelays: number
}

/** An empty account. */
export const emptyAccounting = (): RelayAccounting => ({
  inputTokens: 0,
  outputTokens: 0,
  computeUnits: 0n,
  costBaseUnits: 0,
  verifiedRelays: 0,
})

/**
 * Adds one verified relay to an account: its signed usage, its compute units at the session's pricing
 * (spec §7.1) and its expected cost in token base units. Relay mining pays for a relay with probability
 * p at 1/p times its value, so the expected cost is its compute units times cuToToken exactly.
 *
 * @param account - the account to add to (mutated)
 * @param session - the session the relay was served in (pricing, rate)
 * @param response - the verified signed response
 * @param bounds - the signed request bounds
 * @returns the same account
 * @example
 * addRelay(account, attempt.candidate.session, response, attempt.relay.request)
 */
export function addRelay(
  account: RelayAccounting,
  session: GatewaySession,
  response: RelayResponse,
  bounds: { maxInputTokens: number; maxOutputTokens: number },
): RelayAccounting {
  const computeUnits = computeRelayComputeUnits({ pricing: session.pricing, usage: response, bounds })
  account.inputTokens += response.inputTokens
  account.outputTokens += response.outputTokens
  account.computeUnits += computeUnits
  account.costBaseUnits +=
    Number(computeUnits * session.cuToToken.numerator) / Number(session.cuToToken.denominator)
  account.verifiedRelays++
  return account
}
