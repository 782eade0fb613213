import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { decryptKeystore } from '../../chain/keystore/decryptKeystore.ts'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { CliInvalidArgumentError, CliKeyExistsError, CliKeyNotFoundError } from '../context/cliErrors.ts'

/** Where `decai keys` keeps keystores unless `--keystore-dir` says otherwise. */
export const defaultKeystoreDir = join(homedir(), '.decai', 'keystore')

/** scrypt cost for `--light` keys: fast enough for tests and throwaway keys, too weak for real funds. */
export const lightScryptParams = { n: 16_384, r: 8, p: 1 }

/** One key in the keystore directory: `<dir>/<name>.json`, a version-3 keystore wallets can read. */
export type KeystoreEntry = { name: string; address: Hex; path: string }

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

/**
 * Encrypts a private key under a password and writes it as `<dir>/<name>.json` (mode 0600), refusing to
 * overwrite an existing key.
 *
 * @param parameters - directory, name, private key, password and optional scrypt cost
 * @returns the new entry
 * @throws {CliKeyExistsError} when the name is taken; {@link CliInvalidArgumentError} for a bad name
 * @example
 * await writeKeystoreEntry({ dir, name: 'supplier-1', privateKey, password })
 */
export async function writeKeystoreEntry(parameters: {
  dir: string
  name: string
  privateKey: Hex
  password: string
  scryptParams?: { n: number; r: number; p: number } | undefined
}): Promise<KeystoreEntry> {
  const { dir, name, privateKey, password } = parameters
  assertKeyName(name)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, `${name}.json`)
  const keystore = encryptKeystore(privateKey, password, parameters.scryptParams)
  try {
    // 'wx' fails when the file exists: a key is never silently replaced.
    await writeFile(path, `${JSON.stringify(keystore, null, 2)}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliKeyExistsError({ name, dir })
    throw error
  }
  await chmod(path, 0o600)
  return { name, address: privateKeyToAddress(privateKey), path }
}

/**
 * Lists the keystores in a directory (files that are not version-3 keystores are ignored).
 *
 * @param dir - the keystore directory; a missing directory lists nothing
 * @returns entries sorted by name
 * @example
 * for (const { name, address } of await listKeystoreEntries(defaultKeystoreDir)) console.log(name, address)
 */
export async function listKeystoreEntries(dir: string): Promise<KeystoreEntry[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const entries = await Promise.all(names.map((file) => readEntry(dir, file)))
  return entries.filter((entry): entry is KeystoreEntry => entry !== undefined)
}

/**
 * Decrypts the key called `name`.
 *
 * @returns the private key
 * @throws {CliKeyNotFoundError}; the keystore's own errors on a wrong password
 * @example
 * const privateKey = await readKeystoreEntry({ dir, name: 'champion', password })
 */
export async function readKeystoreEntry(parameters: {
  dir: string
  name: string
  password: string
}): Promise<Hex> {
  const { dir, name, password } = parameters
  assertKeyName(name)
  let text: string
  try {
    text = await readFile(join(dir, `${name}.json`), 'utf8')
  } catch {
    throw new CliKeyNotFoundError({ name, dir })
  }
  return decryptKeystore(JSON.parse(text), password)
}

async function readEntry(dir: string, file: string): Promise<KeystoreEntry | undefined> {
  const path = join(dir, file)
  try {
    const document = JSON.parse(await readFile(path, 'utf8')) as { version?: unknown; address?: unknown }
    if (document.version !== 3 || typeof document.address !== 'string') return undefined
    return {
      name: file.slice(0, -'.json'.length),
      address: `0x${document.address.replace(/^0x/, '')}` as Hex,
      path,
    }
  } catch {
    return undefined
  }
}

function assertKeyName(name: string): void {
  if (!namePattern.test(name))
    throw new CliInvalidArgumentError({
      option: '--name',
      reason: `${JSON.stringify(name)} is not a key name`,
      hint: 'Use letters, digits, dot, dash and underscore (at most 64 characters).',
    })
}
