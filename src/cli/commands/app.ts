import type { Command } from 'commander'
import type { Address } from 'viem'
import {
  delegateToGateway,
  stakeApplication,
  undelegateFromGateway,
  unstake,
  withdrawStake,
} from '../../chain/index.ts'
import { addLedgerOptions, type LedgerOptions } from '../context/ledgerOptions.ts'
import { openSignedLedger, reportWrite } from '../context/openSignedLedger.ts'
import { formatTokens, printJson } from '../context/output.ts'
import { parseAddress, parseTokenAmount } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'

type Options = LedgerOptions & SignerOptions & { json?: boolean }

/** `decai app …`: an application stakes for one service, pays by burning stake, and delegates to gateways. */
export function registerAppCommands(program: Command): void {
  const app = program
    .command('app')
    .description('Applications: stake for a service, delegate to gateways, unstake')
  const signed = (name: string, description: string) =>
    addSignerOptions(addLedgerOptions(app.command(name).description(description))).option(
      '--json',
      'print one JSON object',
    )
  signed(
    'stake',
    'Stake the signer as an application for one service, or add to its stake (from the next session)',
  )
    .requiredOption('--service <id>', 'the service to pay for (one per application)')
    .requiredOption('--amount <tokens>', 'tokens to add to the stake, e.g. 100 or 0.5', parseTokenAmount)
    .action(runAction(stakeAction))
  signed('delegate', 'Let a staked gateway sign relays for the signer (from the next session)')
    .requiredOption('--gateway <address>', 'the gateway address', parseAddress)
    .option('--undelegate', 'remove the delegation instead (after the current session)')
    .action(runAction(delegateAction))
  signed('unstake', 'Start unbonding; withdraw with --withdraw after the unbonding period')
    .option('--withdraw', 'withdraw the stake of an application whose unbonding period is over')
    .action(runAction(unstakeAction))
}

async function stakeAction(options: Options & { service: string; amount: bigint }): Promise<void> {
  const ledger = await openSignedLedger(options, 'app stake')
  const result = await stakeApplication(ledger, { serviceId: options.service, amount: options.amount })
  reportWrite(
    options,
    `application staked ${formatTokens(result.stake)} for ${options.service}, active from session ${result.activeFromSession}`,
    result,
    printJson,
  )
}

async function delegateAction(options: Options & { gateway: Address; undelegate?: boolean }): Promise<void> {
  const ledger = await openSignedLedger(options, 'app delegate')
  if (options.undelegate) {
    const result = await undelegateFromGateway(ledger, { gateway: options.gateway })
    return reportWrite(
      options,
      `undelegated from ${options.gateway} after session ${result.untilSession}`,
      result,
      printJson,
    )
  }
  const result = await delegateToGateway(ledger, { gateway: options.gateway })
  reportWrite(
    options,
    `delegated to ${options.gateway} from session ${result.fromSession}`,
    result,
    printJson,
  )
}

async function unstakeAction(options: Options & { withdraw?: boolean }): Promise<void> {
  const ledger = await openSignedLedger(options, 'app unstake')
  if (options.withdraw) {
    const result = await withdrawStake(ledger, { role: 'application' })
    return reportWrite(options, 'application stake withdrawn', result, printJson)
  }
  const result = await unstake(ledger, { role: 'application' })
  reportWrite(options, 'application unbonding started', result, printJson)
}
