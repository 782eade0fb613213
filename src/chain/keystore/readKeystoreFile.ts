import { readFile } from 'node:fs/promises'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { KeystoreInvalidError } from '../errors/keystore.ts'
import { decryptKeystore } from './decryptKeystore.ts'

export type ReadKeystoreFileParameters = {
  /** The version-3 JSON keystore file. */
  path: string
  /** Its password. */
  password: string
}

/**
 * Reads and decrypts a version-3 keystore file: the key of a role that signs (gateway, watcher, supplier
 * operator) without the raw key ever being written into a config file or the environment.
 *
 * @returns the 32-byte private key as hex
 * @throws {KeystoreInvalidError} the file cannot be read or is not a version-3 keystore
 * @throws {KeystoreDecryptError} a wrong password or a corrupted file
 * @example
 * const privateKey = await readKeystoreFile({ path: 'gateway.json', password: env.GATEWAY_KEY_PASSWORD })
 */
export async function readKeystoreFile({ path, password }: ReadKeystoreFileParameters): Promise<Hex> {
  let document: unknown
  try {
    document = JSON.parse(await readFile(path, 'utf8'))
  } catch (cause) {
    // The path is the operator's own config value, not a secret.
    throw new KeystoreInvalidError({ reason: `cannot read ${path} as JSON`, cause })
  }
  return decryptKeystore(document, password)
}
