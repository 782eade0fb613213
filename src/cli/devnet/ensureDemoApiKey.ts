import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { openKeyStore } from '../../gateway/index.ts'

/**
 * Returns the devnet's demo API key, creating it in the gateway's key store on the first start. The key
 * itself is kept in a dev-only file next to the store so that a restarted devnet prints the same key (a
 * real gateway shows a key once and stores only its hash: `decai gateway keys create`).
 *
 * @param parameters - the gateway's store directory and the file holding the plain key
 * @returns the key
 * @example
 * const apiKey = await ensureDemoApiKey({ storeDir, keyFile })
 */
export async function ensureDemoApiKey(parameters: { storeDir: string; keyFile: string }): Promise<string> {
  await mkdir(parameters.storeDir, { recursive: true })
  const store = openKeyStore({ dir: parameters.storeDir })
  try {
    const saved = await readSavedKey(parameters.keyFile)
    const record = saved === undefined ? undefined : store.findByKey(saved)
    if (saved !== undefined && record && record.revokedAtMs === undefined) return saved
    const { key } = await store.create({ name: 'devnet-demo' })
    await mkdir(dirname(parameters.keyFile), { recursive: true })
    await writeFile(parameters.keyFile, `${key}\n`, { mode: 0o600 })
    await chmod(parameters.keyFile, 0o600)
    return key
  } finally {
    await store.close()
  }
}

async function readSavedKey(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined
  } catch {
    return undefined
  }
}
