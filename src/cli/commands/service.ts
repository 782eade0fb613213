import type { Command } from 'commander'
import { addService, getService, type Ledger, setServicePricing, writeLedger } from '../../chain/index.ts'
import { hashModelFile } from '../../inference/index.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'
import { addLedgerOptions, type LedgerOptions, openLedger } from '../context/ledgerOptions.ts'
import { openSignedLedger, reportWrite } from '../context/openSignedLedger.ts'
import { printJson, printRows } from '../context/output.ts'
import { collect, parseBigint, parseBps } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'

type PricingOptions = {
  cuPerRequest?: bigint
  cuPerInputToken?: bigint
  cuPerOutputToken?: bigint
  championBps?: number
}
type AddOptions = LedgerOptions &
  SignerOptions &
  PricingOptions & {
    id: string
    modelFile?: string
    modelSha256?: string
    uri: string[]
    license: string
    json?: boolean
  }
type UpdateOptions = LedgerOptions &
  SignerOptions &
  PricingOptions & { id: string; uri: string[]; json?: boolean }

/** `decai service …`: a model champion publishes and maintains a service (model + pricing) on the ledger. */
export function registerServiceCommands(program: Command): void {
  const service = program
    .command('service')
    .description("Services: a model champion's published model and pricing")
  const pricing = (command: Command) =>
    command
      .option('--cu-per-request <n>', 'compute units charged per relay', parseBigint)
      .option('--cu-per-input-token <n>', 'compute units per input token', parseBigint)
      .option('--cu-per-output-token <n>', 'compute units per output token', parseBigint)
      .option('--champion-bps <bps>', "the champion's share of every settlement, in basis points", parseBps)
      .option('--json', 'print one JSON object')
  pricing(addSignerOptions(addLedgerOptions(service.command('add'))))
    .description(
      'Publish a service owned by the signer (its champion), with its model commitment and pricing',
    )
    .requiredOption('--id <serviceId>', 'service id: letters, digits, dot, dash, underscore (≤ 42)')
    .option('--model-file <file>', 'the model file; its sha256 becomes the commitment')
    .option('--model-sha256 <hex>', 'the commitment, when the file is not at hand')
    .option(
      '--uri <uri>',
      'where suppliers fetch the model (repeatable): file, https, ipfs or arweave URL',
      collect,
      [],
    )
    .option('--license <license>', 'the model license (SPDX id)', 'MIT')
    .action(runAction(addAction))
  pricing(addSignerOptions(addLedgerOptions(service.command('update'))))
    .description('Change pricing (from the next session) or the model URIs of a service the signer owns')
    .requiredOption('--id <serviceId>', 'the service id')
    .option('--uri <uri>', 'replace the model URIs (repeatable)', collect, [])
    .action(runAction(updateAction))
  addLedgerOptions(service.command('list'))
    .description('List every service: champion, model commitment, pricing in force')
    .option('--json', 'print one JSON object')
    .action(runAction(listAction))
}

async function addAction(options: AddOptions): Promise<void> {
  const modelSha256 = await resolveModelSha256(options)
  if (options.uri.length === 0 && options.modelFile) options.uri.push(`file://${options.modelFile}`)
  const ledger = await openSignedLedger(options, 'service add')
  const result = await addService(ledger, {
    serviceId: options.id,
    pricing: {
      cuPerRequest: options.cuPerRequest ?? 100n,
      cuPerInputToken: options.cuPerInputToken ?? 1n,
      cuPerOutputToken: options.cuPerOutputToken ?? 3n,
      championBps: options.championBps ?? 1_000,
    },
    modelSha256,
    modelUris: options.uri,
    license: options.license,
  })
  reportWrite(
    options,
    `added service ${options.id}, active from session ${result.activeFromSession}`,
    result,
    printJson,
  )
}

async function updateAction(options: UpdateOptions): Promise<void> {
  const ledger = await openSignedLedger(options, 'service update')
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
  const results: Record<string, unknown> = {}
  if (hasPricing) results.pricing = await updatePricing(ledger, options)
  if (options.uri.length > 0)
    results.uris = await writeLedger(ledger, 'services', 'setModelUris', [options.id, options.uri])
  if (options.json) return printJson(results)
  console.log(`updated service ${options.id}`)
}

async function updatePricing(ledger: Ledger, options: UpdateOptions) {
  const current = (await getService(ledger, { serviceId: options.id })).pricing
  const pricing = {
    cuPerRequest: options.cuPerRequest ?? current?.cuPerRequest ?? 100n,
    cuPerInputToken: options.cuPerInputToken ?? current?.cuPerInputToken ?? 1n,
    cuPerOutputToken: options.cuPerOutputToken ?? current?.cuPerOutputToken ?? 3n,
    championBps: options.championBps ?? current?.championBps ?? 1_000,
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
  if (services.length === 0) return console.log('no services yet (publish one: decai service add --help)')
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

async function resolveModelSha256(options: AddOptions): Promise<`0x${string}`> {
  if (options.modelFile) return `0x${await hashModelFile(options.modelFile)}`
  const hex = options.modelSha256?.replace(/^0x/, '')
  if (hex && /^[0-9a-fA-F]{64}$/.test(hex)) return `0x${hex.toLowerCase()}`
  throw new CliInvalidArgumentError({
    option: '--model-file/--model-sha256',
    reason: options.modelSha256 ? 'the sha256 must be 64 hex digits' : 'the model commitment is missing',
    hint: 'Pass --model-file <gguf> (hashed here) or --model-sha256 <hex> (`decai model hash <file>`).',
  })
}
