import { ModelHashMismatchError } from '../errors.ts'
import { hashModelFile } from '../hashModelFile.ts'

/**
 * Checks that a model file is exactly the registered artifact, before anything serves it.
 *
 * @param path - the model file.
 * @param expectedSha256 - hex sha256 the service registered (case and a `0x` prefix are ignored).
 * @returns the file's sha256 (lower-case hex).
 * @throws {ModelHashMismatchError} when the hashes differ.
 * @throws {ModelLoadError} when the file cannot be read.
 * @example
 * await verifyModelFile('tiny.gguf', registeredSha256)
 */
export async function verifyModelFile(path: string, expectedSha256: string): Promise<string> {
  const expected = expectedSha256.toLowerCase().replace(/^0x/, '')
  const actual = await hashModelFile(path)
  if (actual !== expected) throw new ModelHashMismatchError({ path, expected, actual })
  return actual
}
