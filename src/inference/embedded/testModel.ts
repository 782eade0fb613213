/**
 * Test support: tiny generated models, written once per test process into a temporary directory.
 * Only tests import this file.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type GenerateModelReturnType, generateModel } from '../gguf/generateModel.ts'
import type { ModelDtype } from '../gguf/tensorPlan.ts'

let directory: Promise<string> | undefined
const models = new Map<string, Promise<GenerateModelReturnType>>()

/**
 * A tiny model for tests, generated on first use and cached for the rest of the test file.
 *
 * @param options - seed (default 42), dtype (default f16), EOS bias (default −30).
 * @returns the generated file's path and sha256.
 * @example
 * const { path, sha256 } = await getTestModel({ seed: 42 })
 */
export function getTestModel(
  options: { seed?: number; dtype?: ModelDtype; eosBias?: number } = {},
): Promise<GenerateModelReturnType> {
  const { seed = 42, dtype = 'f16', eosBias = -30 } = options
  const key = `${seed}-${dtype}-${eosBias}`
  let model = models.get(key)
  if (!model) {
    directory ??= mkdtemp(join(tmpdir(), 'decai-test-models-'))
    model = directory.then((dir) =>
      generateModel({ seed, size: 'tiny', dtype, eosBias, outPath: join(dir, `tiny-${key}.gguf`) }),
    )
    models.set(key, model)
  }
  return model
}

/** Deletes the models this process generated (call from `afterAll`). */
export async function removeTestModels(): Promise<void> {
  if (directory) await rm(await directory, { recursive: true, force: true })
  directory = undefined
  models.clear()
}
