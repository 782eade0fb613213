import type { Command } from 'commander'
import type { Address } from 'viem'
import {
  type RevenueShare,
  type SupplierServiceConfig,
  stakeSupplier,
  unstake,
  withdrawStake,
} from '../../chain/index.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { addLedgerOptions, type LedgerOptions } from '../context/ledgerOptions.ts'
import { openSignedLedger, reportWrite } from '../context/openSignedLedger.ts'
import { printJson } from '../context/output.ts'
import { collect, parseAddress, parseBps, parseTokenAmount } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'

type Options = LedgerOptions & SignerOptions & { json?: boolean }
type StakeOptions = Options & { operator: Address; amount: bigint; service: string[]; revenueShare: string[] }

/** `decai supplier …`: a supplier's owner stakes it for services at endpoints, and unstakes it. */
export function registerSupplierCommands(program: Command): void {
  const supplier = program
    .command('supplier')
    .description('Suppliers: stake an operator for services at endpoints, unstake (run it: decai relayminer)')
  const signed = (name: string, description: string) =>
    addSignerOptions(addLedgerOptions(supplier.command(name).description(description))).option(
      '--json',
      'print one JSON object',
    )
  signed('stake', 'Stake a new supplier owned by the signer (from the next session)')
    .requiredOption('--operator <address>', 'the key the relayminer signs with', parseAddress)
    .requiredOption('--amount <tokens>', 'tokens to stake (at least the supplier minimum)', parseTokenAmount)
    .requiredOption('--service <id=url>', 'a service and its public relay endpoint (repeatable)', collect, [])
    .option(
      '--revenue-share <address=bps>',
      'who gets the supplier share (repeatable; default: all to the owner)',
      collect,
      [],
    )
    .action(runAction(stakeAction))
  signed('unstake', 'Start unbonding a supplier (owner or operator may); --withdraw after the period')
    .requiredOption('--operator <address>', 'the supplier, by operator address', parseAddress)
    .option('--withdraw', 'withdraw the stake of a supplier whose unbonding period is over')
    .action(runAction(unstakeAction))
}

async function stakeAction(options: StakeOptions): Promise<void> {
  const services = options.service.map(parseServiceEndpoint)
  const revenueShares = options.revenueShare.length ? options.revenueShare.map(parseRevenueShare) : undefined
  const ledger = await openSignedLedger(options, 'supplier stake')
  const result = await stakeSupplier(ledger, {
    operator: options.operator,
    amount: options.amount,
    services,
    revenueShares,
  })
  reportWrite(
    options,
    `supplier ${options.operator} staked for ${services.map((s) => s.serviceId).join(', ')}`,
    result,
    printJson,
  )
}

async function unstakeAction(options: Options & { operator: Address; withdraw?: boolean }): Promise<void> {
  const ledger = await openSignedLedger(options, 'supplier unstake')
  const parameters = { role: 'supplier' as const, operator: options.operator }
  if (options.withdraw)
    return reportWrite(
      options,
      'supplier stake withdrawn',
      await withdrawStake(ledger, parameters),
      printJson,
    )
  reportWrite(
    options,
    `supplier ${options.operator} unbonding started`,
    await unstake(ledger, parameters),
    printJson,
  )
}

function parseServiceEndpoint(value: string): SupplierServiceConfig {
  const [serviceId, ...rest] = value.split('=')
  const endpoint = rest.join('=')
  if (!serviceId || !/^https?:\/\/./.test(endpoint))
    throw new CliInvalidArgumentError({
      option: '--service',
      reason: `${JSON.stringify(value)} is not <serviceId>=<http(s) URL>`,
      hint: 'Example: --service decai-tiny=https://supplier.example:8443',
    })
  return { serviceId, endpoint }
}

function parseRevenueShare(value: string): RevenueShare {
  const [recipient, bps] = value.split('=')
  try {
    return { recipient: parseAddress(recipient ?? ''), bps: parseBps(bps ?? '') }
  } catch {
    throw new CliInvalidArgumentError({
      option: '--revenue-share',
      reason: `${JSON.stringify(value)} is not <address>=<basis points>`,
      hint: 'Shares must sum to 10000, e.g. --revenue-share 0xOwner…=7000 --revenue-share 0xHost…=3000',
    })
  }
}
