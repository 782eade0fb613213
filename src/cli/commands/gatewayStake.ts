import type { Command } from 'commander'
import { stakeGateway, unstake, withdrawStake } from '../../chain/index.ts'
import { addLedgerOptions, type LedgerOptions } from '../context/ledgerOptions.ts'
import { openSignedLedger, reportWrite } from '../context/openSignedLedger.ts'
import { formatTokens, printJson } from '../context/output.ts'
import { parseTokenAmount } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'

type Options = LedgerOptions & SignerOptions & { json?: boolean }

/**
 * `decai gateway stake|unstake`: the gateway's own stake on the ledger, which lets applications delegate
 * to it (the gateway then signs their relays).
 *
 * @param gateway - the `decai gateway` command to add them to
 * @example
 * registerGatewayStakeCommands(program.command('gateway'))
 */
export function registerGatewayStakeCommands(gateway: Command): void {
  const signed = (name: string, description: string) =>
    addSignerOptions(addLedgerOptions(gateway.command(name).description(description))).option(
      '--json',
      'print one JSON object',
    )
  signed('stake', 'Stake the signer as a gateway, or add to its stake (from the next session)')
    .requiredOption('--amount <tokens>', 'tokens to add to the stake, e.g. 100 or 0.5', parseTokenAmount)
    .action(runAction(stakeAction))
  signed('unstake', 'Start unbonding; withdraw with --withdraw after the unbonding period')
    .option('--withdraw', 'withdraw the stake of a gateway whose unbonding period is over')
    .action(runAction(unstakeAction))
}

async function stakeAction(options: Options & { amount: bigint }): Promise<void> {
  const ledger = await openSignedLedger(options, 'gateway stake')
  const result = await stakeGateway(ledger, { amount: options.amount })
  reportWrite(
    options,
    `gateway staked ${formatTokens(result.stake)}, active from session ${result.activeFromSession}`,
    result,
    printJson,
  )
}

async function unstakeAction(options: Options & { withdraw?: boolean }): Promise<void> {
  const ledger = await openSignedLedger(options, 'gateway unstake')
  if (options.withdraw) {
    const result = await withdrawStake(ledger, { role: 'gateway' })
    return reportWrite(options, 'gateway stake withdrawn', result, printJson)
  }
  const result = await unstake(ledger, { role: 'gateway' })
  reportWrite(options, 'gateway unbonding started', result, printJson)
}
