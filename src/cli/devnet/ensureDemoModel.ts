import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateModel, generatorVersion, hashModelFile, type ModelSize } from '../../inference/index.ts'

/** The devnet's demo model: a deterministic generated GGUF, stored under its sha256. */
export type DemoModel = {
  path: string
  sha256: string
  size: ModelSize
  seed: number
  dtype: 'f16'
  eosBias: number
  byteLength: number
  /** Whether it was generated now (false: reused from the cache). */
  isGenerated: boolean
}

/** The demo model's identity: change any of these and it is another model (another sha256). */
const demoSeed = 42
// 2 makes the random model end its chat answers on its own (docs/inference.md); −30 would never stop.
const demoEosBias = 2

/**
 * Returns the devnet's demo model, generating it on the first start. The file is named by its sha256 and a
 * record remembers which (seed, size, dtype) produced which hash, so a restart only re-hashes the file.
 *
 * @param parameters - the model directory, its record file and the size
 * @returns the model's path and sha256
 * @example
 * const model = await ensureDemoModel({ dir: paths.modelDir, recordFile: paths.modelRecord, size: 'tiny' })
 */
export async function ensureDemoModel(parameters: {
  dir: string
  recordFile: string
  size: ModelSize
}): Promise<DemoModel> {
  const { dir, recordFile, size } = parameters
  const identity = {
    generator: generatorVersion,
    seed: demoSeed,
    size,
    dtype: 'f16' as const,
    eosBias: demoEosBias,
  }
  const records = await readRecords(recordFile)
  const known = records.find((record) => sameIdentity(record, identity))
  if (known && existsSync(known.path) && (await hashModelFile(known.path)) === known.sha256)
    return {
      ...identity,
      path: known.path,
      sha256: known.sha256,
      byteLength: known.byteLength,
      isGenerated: false,
    }
  await mkdir(dir, { recursive: true })
  const temporary = join(dir, `generating-${size}.gguf`)
  const result = await generateModel({
    seed: demoSeed,
    size,
    dtype: 'f16',
    eosBias: demoEosBias,
    outPath: temporary,
  })
  const path = join(dir, `${result.sha256}.gguf`)
  await rename(temporary, path)
  const record = { ...identity, path, sha256: result.sha256, byteLength: result.byteLength }
  const others = records.filter((r) => !sameIdentity(r, identity))
  await writeFile(recordFile, `${JSON.stringify([...others, record], null, 2)}\n`)
  return { ...identity, path, sha256: result.sha256, byteLength: result.byteLength, isGenerated: true }
}

type ModelRecord = {
  generator: string
  seed: number
  size: string
  dtype: string
  eosBias: number
  path: string
  sha256: string
  byteLength: number
}

async function readRecords(file: string): Promise<ModelRecord[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
    return Array.isArray(parsed) ? (parsed as ModelRecord[]) : []
  } catch {
    return []
  }
}

function sameIdentity(
  record: ModelRecord,
  identity: Omit<ModelRecord, 'path' | 'sha256' | 'byteLength'>,
): boolean {
  return (
    record.generator === identity.generator &&
    record.seed === identity.seed &&
    record.size === identity.size &&
    record.dtype === identity.dtype &&
    record.eosBias === identity.eosBias
  )
}
