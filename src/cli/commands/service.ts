import type { Command } from 'commander'
import { getService, type Ledger, readLedger, setServicePricing, writeLedger } from '../../chain/index.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'
import { addLedgerOptions, type LedgerOptions, openLedger } from '../context/ledgerOptions.ts'
import { openSignedLedger } from '../context/openSignedLedger.ts'
import { printJson, printRows } from '../context/output.ts'
import { collect } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'
import {
  addPricingOptions,
  addPublishServiceOptions,
  defaultPricing,
  type PricingOptions,
  type PublishServiceOptions,
  publishService,
} from './publishService.ts'

type UpdateOptions = LedgerOptions &
  SignerOptions &
  PricingOptions & { id: string; uri: string[]; json?: boolean }

/** `decai service …`: a model champion publishes and maintains a service (model + pricing) on the ledger. */
export function registerServiceCommands(program: Command): void {
  const service = program
    .command('service')
    .description("Services: a model champion's published model and pricing")
  addPublishServiceOptions(service.command('add'))
    .description(
      'Publish a service owned by the signer (its champion), with its model commitment and pricing',
    )
    .option('--model-file <file>', 'the model file; its sha256 becomes the commitment')
    .option('--model-sha256 <hex>', 'the commitment, when the file is not at hand')
    .addHelpText('after', '\nWith the model file at hand, `decai model publish <file> --id …` does the same.')
    .action(runAction((options: PublishServiceOptions) => publishService(options)))
  addPricingOptions(addSignerOptions(addLedgerOptions(service.command('update'))))
    .description('Change pricing (from the next session) or the model URIs of a service the signer owns')
    .requiredOption('--id <serviceId>', 'the service id')
    .option('--uri <uri>', 'replace the model URIs (repeatable)', collect, [])
    .action(runAction(updateAction))
  addLedgerOptions(service.command('list'))
    .description('List every service: champion, model commitment, pricing in force')
    .option('--json', 'print one JSON object')
    .action(runAction(listAction))
}

async function updateAction(options: UpdateOptions): Promise<void> {
  const hasPricing = [
    options.cuPerRequest,
    options.cuPerInputToken,
    options.cuPerOutputToken,
    options.championBps,
  ].some((value) => value !== undefined)
  if (!hasPricing && options.uri.length === 0)
    throw new CliInvalidArgumentError({
      option: 'service update',
      reason: 'nothing to change',
      hint: 'Pass pricing options or --uri.',
    })
  const ledger = await openSignedLedger(options, 'service update')
  const results: Record<string, unknown> = {}
  if (hasPricing) results.pricing = await updatePricing(ledger, options)
  if (options.uri.length > 0)
    results.uris = await writeLedger(ledger, 'services', 'setModelUris', [options.id, options.uri])
  if (options.json) return printJson(results)
  console.log(`updated service ${options.id}`)
}

async function updatePricing(ledger: Ledger, options: UpdateOptions) {
  // A change applies from the next session, on top of the last one scheduled (which may not be in force yet:
  // a service published this session has no pricing in force until the next).
  const next = (await readLedger(ledger, 'sessions', 'currentSession', [])) + 1n
  const current = (await getService(ledger, { serviceId: options.id, session: next })).pricing
  const pricing = {
    cuPerRequest: options.cuPerRequest ?? current?.cuPerRequest ?? defaultPricing.cuPerRequest,
    cuPerInputToken: options.cuPerInputToken ?? current?.cuPerInputToken ?? defaultPricing.cuPerInputToken,
    cuPerOutputToken:
      options.cuPerOutputToken ?? current?.cuPerOutputToken ?? defaultPricing.cuPerOutputToken,
    championBps: options.championBps ?? current?.championBps ?? defaultPricing.championBps,
  }
  const result = await setServicePricing(ledger, { serviceId: options.id, pricing })
  if (!options.json) console.log(`pricing scheduled from session ${result.fromSession}`)
  return result
}

async function listAction(options: LedgerOptions & { json?: boolean }): Promise<void> {
  const ledger = await openLedger(options)
  const added = await getLedgerEvents(ledger, 'services', 'ServiceAdded')
  const services = await Promise.all(
    added.map((log) => getService(ledger, { serviceId: log.args.serviceId })),
  )
  if (options.json) return printJson({ services })
  if (services.length === 0) return console.log('no services yet (publish one: decai model publish --help)')
  for (const s of services) {
    printRows([
      ['service', s.serviceId],
      ['champion', s.owner],
      ['model sha256', s.modelSha256],
      ['model uris', s.modelUris.join(' ') || '-'],
      ['license', s.license],
      ['pricing', s.pricing ? formatPricing(s.pricing) : `from the next session`],
    ])
    console.log('')
  }
}

function formatPricing(p: {
  cuPerRequest: bigint
  cuPerInputToken: bigint
  cuPerOutputToken: bigint
  championBps: number
}) {
  return `${p.cuPerRequest} CU/request + ${p.cuPerInputToken} CU/input token + ${p.cuPerOutputToken} CU/output token, champion ${p.championBps / 100} %`
}
