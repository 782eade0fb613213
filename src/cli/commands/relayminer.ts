import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { pino } from 'pino'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { exportConfigJsonSchema } from '../../relayminer/config/exportConfigJsonSchema.ts'

/** `decai relayminer …`: run a supplier's relayminer, print its config schema, create keystores. */
export function registerRelayminerCommands(program: Command): void {
  const relayminer = program
    .command('relayminer')
    .description("A supplier's relay miner: serve, meter, sign, mine, claim, prove")
  relayminer
    .command('start')
    .description('Serve relays for the configured suppliers and services, and claim and prove them')
    .requiredOption('--config <file>', 'relayminer YAML config (see `decai relayminer config-schema`)')
    .action(failOnError(startAction))
  relayminer
    .command('config-schema')
    .description('Print the JSON Schema of the config file')
    .action(() => {
      process.stdout.write(`${JSON.stringify(exportConfigJsonSchema(), null, 2)}\n`)
    })
  relayminer
    .command('keystore-create')
    .description(
      'Encrypt an operator key into a version-3 JSON keystore (a new random key unless one is given)',
    )
    .requiredOption('--out <file>', 'where to write the keystore')
    .requiredOption('--password-env <name>', 'environment variable holding the password')
    .option('--private-key-env <name>', 'environment variable holding the key to encrypt')
    .action(failOnError(keystoreAction))
}

async function startAction(options: { config: string }): Promise<void> {
  // Loaded on demand: the relayminer pulls in the chain client and llama.cpp, which other commands never need.
  const { loadConfig } = await import('../../relayminer/config/loadConfig.ts')
  const { runRelayMiner } = await import('../../relayminer/runRelayMiner.ts')
  const config = await loadConfig({ file: options.config, env: process.env })
  const logger = pino({ level: config.log.level, base: { component: 'relayminer' } })
  const running = await runRelayMiner({ config, logger })
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping: finishing relays in flight')
    await running.stop()
    logger.info('stopped')
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))
}

async function keystoreAction(options: {
  out: string
  passwordEnv: string
  privateKeyEnv?: string
}): Promise<void> {
  const password = process.env[options.passwordEnv]
  if (!password) throw new Error(`environment variable ${options.passwordEnv} is not set`)
  const given = options.privateKeyEnv === undefined ? undefined : process.env[options.privateKeyEnv]
  if (options.privateKeyEnv !== undefined && !given)
    throw new Error(`environment variable ${options.privateKeyEnv} is not set`)
  const privateKey = (given ?? `0x${randomBytes(32).toString('hex')}`) as Hex
  const keystore = encryptKeystore(privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`, password)
  await writeFile(options.out, `${JSON.stringify(keystore, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  process.stdout.write(`${JSON.stringify({ address: `0x${keystore.address}`, file: options.out })}\n`)
}

function failOnError<T extends unknown[]>(
  action: (...args: T) => Promise<void>,
): (...args: T) => Promise<void> {
  return async (...args: T) => {
    try {
      await action(...args)
    } catch (error) {
      // Config errors carry the pretty-printed schema issues in their message; nothing secret is in it.
      const message = error instanceof BaseError ? error.message : String((error as Error)?.message ?? error)
      process.stderr.write(`decai relayminer: ${message}\n`)
      process.exitCode = 1
    }
  }
}
