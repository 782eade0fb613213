import type { Command } from 'commander'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { KeystoreDecryptError } from '../../relayminer/errors.ts'
import { type DevnetKeys, readDevnetKeys } from '../devnet/devnetKeys.ts'
import { getDevnetPaths } from '../devnet/devnetPaths.ts'
import { defaultKeystoreDir, readKeystoreEntry } from '../keys/keystoreDirectory.ts'
import { readPassword } from '../keys/readPassword.ts'
import { CliDevnetNotFoundError, CliInvalidArgumentError, CliNoSignerError } from './cliErrors.ts'

/** Options every command that signs takes; exactly one source is used. */
export type SignerOptions = {
  key?: string
  keystoreDir: string
  passwordEnv: string
  privateKeyEnv?: string
  as?: string
  devnetDir: string
}

/** Names `--as` accepts on a devnet. */
export const devnetRoleNames =
  'deployer, dao, champion, application, gateway, supplier-<n>, supplier-<n>-operator'

/**
 * Adds `--key`, `--keystore-dir`, `--password-env`, `--private-key-env` and `--as` to a command.
 *
 * @param command - the command
 * @returns the same command, for chaining
 * @example
 * addSignerOptions(addLedgerOptions(program.command('stake')))
 */
export function addSignerOptions(command: Command): Command {
  return command
    .option('--key <name>', 'sign with this key from the keystore (see `decai keys list`)')
    .option('--keystore-dir <dir>', 'keystore directory', defaultKeystoreDir)
    .option(
      '--password-env <var>',
      'variable holding the keystore password (else asked)',
      'DECAI_KEY_PASSWORD',
    )
    .option('--private-key-env <var>', 'sign with the 0x private key held in this variable')
    .option('--as <role>', `local devnet only: sign as a devnet role (${devnetRoleNames})`)
}

/**
 * Resolves the private key a command signs with, from the keystore, an environment variable or a devnet
 * role (dev keys), in that order of preference.
 *
 * @param options - the signer options
 * @param command - the command's name, for the error when no source was given
 * @param env - the environment, read once
 * @returns the private key
 * @throws {CliNoSignerError} when no source was given; {@link CliInvalidArgumentError} for a bad key or role
 * @example
 * const privateKey = await resolveSigner(options, 'app stake', process.env)
 */
export async function resolveSigner(
  options: SignerOptions,
  command: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Hex> {
  if (options.key) return readKeyFromKeystore(options, options.key, env)
  if (options.privateKeyEnv) return readPrivateKeyEnv(options.privateKeyEnv, env)
  if (options.as) return resolveDevnetRole(options.as, options.devnetDir)
  throw new CliNoSignerError({ command })
}

/**
 * Picks a devnet role's key.
 *
 * @returns the role's private key
 * @throws {CliInvalidArgumentError} for an unknown role
 * @example
 * devnetRoleKey(keys, 'supplier-2-operator')
 */
export function devnetRoleKey(keys: DevnetKeys, role: string): Hex | undefined {
  const supplier = /^supplier-(\d+)(-operator)?$/.exec(role)
  if (supplier) {
    const entry = keys.suppliers[Number(supplier[1]) - 1]
    return entry && (supplier[2] ? entry.operator : entry.owner).privateKey
  }
  const single = keys[role as 'deployer' | 'dao' | 'champion' | 'application' | 'gateway']
  return single && 'privateKey' in single ? single.privateKey : undefined
}

async function readKeyFromKeystore(
  options: SignerOptions,
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Hex> {
  const password = await readPassword({
    variable: options.passwordEnv,
    env,
    prompt: `Password of key ${name}: `,
  })
  try {
    return await readKeystoreEntry({ dir: options.keystoreDir, name, password })
  } catch (error) {
    // The keystore cannot tell a wrong password from a damaged file; the password is by far the likelier.
    if (!(error instanceof KeystoreDecryptError)) throw error
    throw new CliInvalidArgumentError({
      option: '--password-env',
      reason: `the password ${env[options.passwordEnv] === undefined ? 'given' : `in ${options.passwordEnv}`} does not open key ${name}`,
      hint: `Give the password chosen at \`decai keys create\` (set ${options.passwordEnv}, or name another variable with --password-env).`,
    })
  }
}

async function resolveDevnetRole(role: string, devnetDir: string): Promise<Hex> {
  const paths = getDevnetPaths(devnetDir)
  const keys = await readDevnetKeys(paths.keys)
  if (!keys)
    throw new CliDevnetNotFoundError({
      dir: paths.root,
      missing: 'keys (keys.json) for --as',
      needs: '--key <name> (see `decai keys list`) or --private-key-env <VAR> instead of --as',
    })
  const privateKey = devnetRoleKey(keys, role)
  if (!privateKey)
    throw new CliInvalidArgumentError({
      option: '--as',
      reason: `no devnet role ${role}`,
      hint: `Roles: ${devnetRoleNames}.`,
    })
  return privateKey
}

function readPrivateKeyEnv(variable: string, env: Readonly<Record<string, string | undefined>>): Hex {
  const value = env[variable]?.trim()
  if (!value)
    throw new CliInvalidArgumentError({ option: '--private-key-env', reason: `${variable} is not set` })
  const hex = value.startsWith('0x') ? value : `0x${value}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new CliInvalidArgumentError({
      option: '--private-key-env',
      reason: `${variable} does not hold a 32-byte hex key`,
    })
  return hex as Hex
}
