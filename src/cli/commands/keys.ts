import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { decryptKeystore } from '../../chain/keystore/decryptKeystore.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { printJson, printRows } from '../context/output.ts'
import { runAction } from '../context/runAction.ts'
import {
  defaultKeystoreDir,
  type KeystoreEntry,
  lightScryptParams,
  listKeystoreEntries,
  writeKeystoreEntry,
} from '../keys/keystoreDirectory.ts'
import { readPassword } from '../keys/readPassword.ts'

type KeysOptions = { keystoreDir: string; passwordEnv: string; json?: boolean; light?: boolean }
type ImportOptions = KeysOptions & {
  privateKeyEnv?: string
  keystoreFile?: string
  sourcePasswordEnv: string
}

/** `decai keys …`: an encrypted keystore (version-3 JSON files, readable by geth and ethers). */
export function registerKeysCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('Encrypted keys (version-3 keystores) for champions, suppliers, gateways and applications')
  const common = (command: Command) =>
    command
      .option('--keystore-dir <dir>', 'keystore directory', defaultKeystoreDir)
      .option(
        '--password-env <var>',
        'variable holding the password (else asked twice)',
        'DECAI_KEY_PASSWORD',
      )
      .option('--light', 'cheap key derivation (scrypt N=2^14): for tests and throwaway keys only')
      .option('--json', 'print one JSON object')
  common(keys.command('create').description('Generate a new random key and store it encrypted'))
    .requiredOption('--name <name>', 'name to refer to the key by (e.g. supplier-1)')
    .action(runAction(createAction))
  common(
    keys
      .command('import')
      .description('Store an existing key encrypted (from a variable or a keystore file)'),
  )
    .requiredOption('--name <name>', 'name to refer to the key by')
    .option('--private-key-env <var>', 'variable holding the 0x private key to import')
    .option('--keystore-file <file>', 'a version-3 keystore file (geth, ethers, MetaMask export) to import')
    .option('--source-password-env <var>', "variable holding that file's password", 'DECAI_SOURCE_PASSWORD')
    .action(runAction(importAction))
  keys
    .command('list')
    .description('List stored keys: name, address, file')
    .option('--keystore-dir <dir>', 'keystore directory', defaultKeystoreDir)
    .option('--json', 'print one JSON object')
    .action(runAction(listAction))
}

async function createAction(options: KeysOptions & { name: string }): Promise<void> {
  const privateKey = `0x${randomBytes(32).toString('hex')}` as Hex
  const entry = await store(options, privateKey)
  report(options, entry, 'created')
}

async function importAction(options: ImportOptions & { name: string }): Promise<void> {
  const privateKey = await readImportedKey(options)
  const entry = await store(options, privateKey)
  report(options, entry, 'imported')
}

async function listAction(options: { keystoreDir: string; json?: boolean }): Promise<void> {
  const entries = await listKeystoreEntries(options.keystoreDir)
  if (options.json) return printJson({ keystoreDir: options.keystoreDir, keys: entries })
  if (entries.length === 0)
    return console.log(`no keys in ${options.keystoreDir} (create one: decai keys create --name <name>)`)
  printRows(entries.map((entry) => [entry.name, `${entry.address}  ${entry.path}`]))
}

async function store(options: KeysOptions & { name: string }, privateKey: Hex): Promise<KeystoreEntry> {
  const password = await readPassword({
    variable: options.passwordEnv,
    env: process.env,
    prompt: `New password for ${options.name}: `,
    shouldConfirm: true,
  })
  return writeKeystoreEntry({
    dir: options.keystoreDir,
    name: options.name,
    privateKey,
    password,
    scryptParams: options.light ? lightScryptParams : undefined,
  })
}

async function readImportedKey(options: ImportOptions): Promise<Hex> {
  if (options.keystoreFile) {
    const document: unknown = JSON.parse(await readFile(options.keystoreFile, 'utf8'))
    const password = await readPassword({
      variable: options.sourcePasswordEnv,
      env: process.env,
      prompt: `Password of ${options.keystoreFile}: `,
    })
    return decryptKeystore(document, password)
  }
  const variable = options.privateKeyEnv
  const value = variable ? process.env[variable]?.trim() : undefined
  if (!variable || !value)
    throw new CliInvalidArgumentError({
      option: '--private-key-env',
      reason: variable ? `${variable} is not set` : 'nothing to import',
      hint: 'Pass --private-key-env <VAR> (a variable holding the key) or --keystore-file <file>.',
    })
  const hex = value.startsWith('0x') ? value : `0x${value}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new CliInvalidArgumentError({
      option: '--private-key-env',
      reason: `${variable} does not hold a 32-byte hex key`,
    })
  return hex.toLowerCase() as Hex
}

function report(options: { json?: boolean }, entry: KeystoreEntry, verb: string): void {
  if (options.json) {
    printJson(entry)
    return
  }
  console.log(`${verb} key ${entry.name}: ${entry.address}`)
  console.log(`stored encrypted in ${entry.path}`)
}
