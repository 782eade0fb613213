// The errors' own module, not the chain index: every command loads this, and the index loads viem.
import { ChainCallRevertedError, ChainTxRevertedError } from '../../chain/errors/transaction.ts'

// What to do when the ledger refuses a command, by the contract's custom error name. The chain's error
// says what the contract refused; these hints name the `decai` command that gets past it. Errors only
// the relayminer or the settlement keeper can meet (claims, proofs) are not listed: no command sends them.
const hints: Readonly<Record<string, string>> = {
  ServiceNotFound: 'No service has that id: list them with `decai service list`.',
  ServiceExists: 'That service id is taken: pick another --id, or change it with `decai service update`.',
  ServiceReaddTooSoon: 'That service id was removed recently: wait for the session the error names.',
  InvalidServiceId: 'A service id is 1 to 42 letters, digits, dots, dashes or underscores.',
  NotServiceOwner: "Only the service's champion may change it: sign with the key that published it.",
  ChampionShareTooHigh: 'Lower --champion-bps to the maximum the error names (`decai chain status`).',
  InvalidPricing: 'Pricing must charge something: give a non-zero --cu-per-* option.',
  ERC20InsufficientBalance:
    'The signer has too few tokens: check with `decai query balances <address>`; on a dev chain, `decai chain faucet`.',
  BelowMinimumStake:
    'Stake at least the minimum the error names (`decai chain status` lists the parameters).',
  StakeTooLarge: 'Stake less: the amount does not fit the ledger.',
  AlreadyStaked: 'That operator is already a supplier: pick another --operator key.',
  WrongService: 'An application pays for one service: stake another application key for this one.',
  NotStaked: 'Stake first (`decai app|gateway|supplier stake`).',
  AlreadyUnbonding: 'Already unbonding: withdraw with `unstake --withdraw` once the period is over.',
  StillBonded: 'The unbonding period is not over: try again from the session the error names.',
  ClaimsPending: 'Claims of this stake are still open: try again once they settle (`decai query claims`).',
  GatewayNotStaked: 'That gateway has no stake: its operator stakes it with `decai gateway stake`.',
  AlreadyDelegated: 'The application already delegates to that gateway.',
  NotDelegated: 'The application does not delegate to that gateway.',
  TooManyGateways: 'Undelegate from a gateway first (`decai app delegate --undelegate --gateway …`).',
  RedelegationTooSoon: 'That gateway was undelegated recently: wait for the session the error names.',
  TooManyServices: 'A supplier serves a limited number of services: stake another supplier.',
  AlreadyServing: 'The supplier already serves that service.',
  InvalidRevenueShares: '--revenue-share percentages must sum to 10000 basis points.',
  NotOwnerOrOperator: "Sign with the supplier's owner or operator key.",
  NotOwner: 'Sign with the owner key.',
  NotGovernance: 'Only the governance key may do this (the deployer unless `chain deploy --governance`).',
  FaucetClosed: 'This deployment has no faucet (production preset): get tokens another way.',
}

/**
 * The hint for a ledger revert: which `decai` command gets past it.
 *
 * @param error - any error
 * @returns the hint, or `undefined` for other errors and reverts without one
 * @example
 * revertHint(error) // 'No service has that id: list them with `decai service list`.'
 */
export function revertHint(error: unknown): string | undefined {
  if (!(error instanceof ChainTxRevertedError || error instanceof ChainCallRevertedError)) return undefined
  return error.errorName === undefined ? undefined : hints[error.errorName]
}
