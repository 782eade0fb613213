import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { ModelLoadError } from './errors.ts'

/**
 * The sha256 of a model file, streamed so multi-GB files never sit in memory. This is the artifact
 * commitment a model champion registers and a supplier verifies before serving.
 *
 * @param path - the file.
 * @returns lower-case hex sha256.
 * @throws {ModelLoadError} when the file cannot be read.
 * @example
 * await hashModelFile('tiny.gguf') // '9c89…'
 */
export async function hashModelFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer)
  } catch (error) {
    throw new ModelLoadError({ path, cause: error })
  }
  return hash.digest('hex')
}
