import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { CliDevnetFailedError } from '../context/cliErrors.ts'

/** The roles of a devnet, each with its own key. Suppliers have an owner (stakes, is paid) and an operator (signs). */
export type DevnetKeys = {
  deployer: DevKey
  dao: DevKey
  champion: DevKey
  application: DevKey
  gateway: DevKey
  suppliers: { owner: DevKey; operator: DevKey }[]
}

/** A plain private key with its address. Dev only: these files are not encrypted. */
export type DevKey = { address: Hex; privateKey: Hex }

const warning =
  'DEV ONLY. Plain, unencrypted private keys of a local devnet. Never send real funds to these addresses ' +
  'and never reuse them on another network; use `decai keys create` (an encrypted keystore) for that.'

const devKey = z.object({
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  privateKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
})
const fileSchema = z.object({
  warning: z.string(),
  version: z.literal(1),
  keys: z.object({
    deployer: devKey,
    dao: devKey,
    champion: devKey,
    application: devKey,
    gateway: devKey,
    suppliers: z.array(z.object({ owner: devKey, operator: devKey })),
  }),
})

/**
 * Loads the devnet's keys from `keys.json`, or creates fresh random ones on the first start, so that a
 * restarted devnet keeps its identities. Missing supplier keys are added when `supplierCount` grows.
 *
 * @param parameters - the keys file and how many suppliers the devnet runs
 * @returns the keys and whether the file was written now
 * @throws {CliDevnetFailedError} when the file exists but is not a devnet key file
 * @example
 * const { keys } = await loadOrCreateDevnetKeys({ file: paths.keys, supplierCount: 3 })
 */
export async function loadOrCreateDevnetKeys(parameters: {
  file: string
  supplierCount: number
}): Promise<{ keys: DevnetKeys; isNew: boolean }> {
  const existing = await readKeysFile(parameters.file)
  const keys: DevnetKeys = existing ?? {
    deployer: newDevKey(),
    dao: newDevKey(),
    champion: newDevKey(),
    application: newDevKey(),
    gateway: newDevKey(),
    suppliers: [],
  }
  const supplierCountBefore = keys.suppliers.length
  while (keys.suppliers.length < parameters.supplierCount)
    keys.suppliers.push({ owner: newDevKey(), operator: newDevKey() })
  const isChanged = !existing || keys.suppliers.length !== supplierCountBefore
  if (isChanged) await writeKeysFile(parameters.file, keys)
  return { keys, isNew: !existing }
}

/**
 * Reads the devnet's keys, for commands that act as a devnet role (`--as champion`).
 *
 * @returns the keys, or `undefined` when the file does not exist
 * @example
 * const keys = await readDevnetKeys(paths.keys)
 */
export async function readDevnetKeys(file: string): Promise<DevnetKeys | undefined> {
  return readKeysFile(file)
}

async function readKeysFile(file: string): Promise<DevnetKeys | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed = fileSchema.safeParse(JSON.parse(text))
  if (!parsed.success)
    throw new CliDevnetFailedError({
      step: `read its keys (${file})`,
      hint: 'The file is not a devnet key file; move it away or start with --reset.',
      cause: parsed.error,
    })
  return parsed.data.keys as DevnetKeys
}

async function writeKeysFile(file: string, keys: DevnetKeys): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify({ warning, version: 1, keys }, null, 2)}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
}

function newDevKey(): DevKey {
  const privateKey = `0x${randomBytes(32).toString('hex')}` as Hex
  return { address: privateKeyToAddress(privateKey), privateKey }
}
