import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'
import { addService } from '../../chain/index.ts'
import { hashModelFile } from '../../inference/hashModelFile.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { addLedgerOptions, type LedgerOptions } from '../context/ledgerOptions.ts'
import { openSignedLedger, reportWrite } from '../context/openSignedLedger.ts'
import { printJson } from '../context/output.ts'
import { collect, parseBigint, parseBps } from '../context/parsers.ts'
import { addSignerOptions, type SignerOptions } from '../context/signerOptions.ts'

/** Pricing options of `service add`, `service update` and `model publish`; unset ones keep their default. */
export type PricingOptions = {
  cuPerRequest?: bigint
  cuPerInputToken?: bigint
  cuPerOutputToken?: bigint
  championBps?: number
}

/** What publishing a service takes: the model (a file to hash, or its sha256), where to fetch it, pricing. */
export type PublishServiceOptions = LedgerOptions &
  SignerOptions &
  PricingOptions & {
    id: string
    modelFile?: string
    modelSha256?: string
    uri: string[]
    license: string
    json?: boolean
  }

/** Pricing a new service gets for the options left unset. */
export const defaultPricing = {
  cuPerRequest: 100n,
  cuPerInputToken: 1n,
  cuPerOutputToken: 3n,
  championBps: 1_000,
} as const

/**
 * Adds the pricing options and `--json` to a command that writes a service.
 *
 * @param command - the command
 * @returns the same command, for chaining
 * @example
 * addPricingOptions(service.command('update'))
 */
export function addPricingOptions(command: Command): Command {
  return command
    .option('--cu-per-request <n>', 'compute units charged per relay', parseBigint)
    .option('--cu-per-input-token <n>', 'compute units per input token', parseBigint)
    .option('--cu-per-output-token <n>', 'compute units per output token', parseBigint)
    .option('--champion-bps <bps>', "the champion's share of every settlement, in basis points", parseBps)
    .option('--json', 'print one JSON object')
}

/**
 * Adds everything publishing a service takes but the model itself: ledger, signer, `--id`, `--uri`,
 * `--license` and pricing. `service add` adds `--model-file`/`--model-sha256`; `model publish` takes the
 * file as its argument.
 *
 * @param command - the command
 * @returns the same command, for chaining
 * @example
 * addPublishServiceOptions(model.command('publish <file>')).action(…)
 */
export function addPublishServiceOptions(command: Command): Command {
  return addPricingOptions(addSignerOptions(addLedgerOptions(command)))
    .requiredOption('--id <serviceId>', 'service id: letters, digits, dot, dash, underscore (≤ 42)')
    .option(
      '--uri <uri>',
      'where suppliers fetch the model (repeatable): file, https, ipfs or arweave URL (default: the file)',
      collect,
      [],
    )
    .option('--license <license>', 'the model license (SPDX id)', 'MIT')
}

/**
 * Publishes a service owned by the signer, its champion: the model's sha256 (hashed from the file when one
 * is given), where to fetch it, its license and pricing. Prints what it did.
 *
 * @param options - the parsed options
 * @param command - the command's name, for the error when no key was given
 * @throws {CliInvalidArgumentError} when the model commitment is missing or malformed
 * @example
 * await publishService({ ...options, modelFile: 'tiny.gguf' })
 */
export async function publishService(options: PublishServiceOptions, command = 'service add'): Promise<void> {
  const modelSha256 = await resolveModelSha256(options)
  const modelUris =
    options.uri.length === 0 && options.modelFile
      ? [pathToFileURL(resolve(options.modelFile)).href]
      : options.uri
  const ledger = await openSignedLedger(options, command)
  const result = await addService(ledger, {
    serviceId: options.id,
    pricing: {
      cuPerRequest: options.cuPerRequest ?? defaultPricing.cuPerRequest,
      cuPerInputToken: options.cuPerInputToken ?? defaultPricing.cuPerInputToken,
      cuPerOutputToken: options.cuPerOutputToken ?? defaultPricing.cuPerOutputToken,
      championBps: options.championBps ?? defaultPricing.championBps,
    },
    modelSha256,
    modelUris,
    license: options.license,
  })
  reportWrite(
    options,
    `published service ${options.id} (model sha256 ${modelSha256.slice(2)}), active from session ${result.activeFromSession}`,
    { ...result, serviceId: options.id, modelSha256, modelUris },
    printJson,
  )
}

async function resolveModelSha256(options: PublishServiceOptions): Promise<`0x${string}`> {
  if (options.modelFile) return `0x${await hashModelFile(options.modelFile)}`
  const hex = options.modelSha256?.replace(/^0x/, '')
  if (hex && /^[0-9a-fA-F]{64}$/.test(hex)) return `0x${hex.toLowerCase()}`
  throw new CliInvalidArgumentError({
    option: '--model-file/--model-sha256',
    reason: options.modelSha256 ? 'the sha256 must be 64 hex digits' : 'the model commitment is missing',
    hint: 'Pass --model-file <gguf> (hashed here) or --model-sha256 <hex> (`decai model hash <file>`).',
  })
}
