// The errors' own module, not the chain index: every command loads this, and the index loads viem.
import { ChainCallRevertedError, ChainTxRevertedError } from '../../chain/errors/transaction.ts'
import type { BaseError } from '../../protocol/errors/BaseError.ts'

// Component errors that say what went wrong but not which `decai` option or command fixes it, by code.
const codeHints: Readonly<Record<string, string>> = {
  CHAIN_MANIFEST_INVALID:
    '--manifest names the deployment.json that `decai chain deploy --out` wrote (on the local devnet, leave it out).',
  CHAIN_WRONG_CHAIN: '--rpc-url must point at the chain the manifest was deployed on.',
}

// What to do when the ledger refuses a command, by the contract's custom error name. The chain's error
// says what the contract refused; these hints name the `decai` command that gets past it. Errors only
// the relayminer or the settlement keeper can meet (claims, proofs) are not listed: no command sends them.
const revertHints: Readonly<Record<string, string>> = {
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

/** The contract errors that have a hint (a test checks that each is an error of the ledger's ABIs). */
export const hintedRevertNames: readonly string[] = Object.keys(revertHints)

/**
 * What the `decai` user can do about a component's error: for a ledger revert, the command that gets past
 * it; for a bad manifest or chain, the option to fix.
 *
 * @param error - any error
 * @returns the hint, or `undefined` when the error says enough itself
 * @example
 * errorHint(error) // 'No service has that id: list them with `decai service list`.'
 */
export function errorHint(error: BaseError): string | undefined {
  if (error instanceof ChainTxRevertedError || error instanceof ChainCallRevertedError)
    return error.errorName === undefined ? undefined : revertHints[error.errorName]
  return codeHints[error.code]
}
