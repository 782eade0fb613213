import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ChainManifestInvalidError } from '../errors/deployment.ts'
import { type DeploymentManifest, deploymentManifestSchema } from './deploymentManifestSchema.ts'

/**
 * Reads and validates a deployment manifest file.
 *
 * @param path the JSON file `deployDecai` wrote
 * @returns the parsed manifest (bigints, addresses)
 * @throws {ChainManifestInvalidError} when the file is missing, not JSON, or fails the schema
 * @example
 * const manifest = await readDeploymentManifest('.data/deployment.json')
 * manifest.contracts.sessions // '0x…'
 */
export async function readDeploymentManifest(path: string): Promise<DeploymentManifest> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new ChainManifestInvalidError({ path, details: 'cannot read the file', cause })
  }
  return parseDeploymentManifest(text, path)
}

/**
 * Validates a deployment manifest given as JSON text.
 *
 * @param text the JSON
 * @param source a name for error messages (a path or URL)
 * @returns the parsed manifest
 * @throws {ChainManifestInvalidError}
 * @example
 * parseDeploymentManifest(await (await fetch(url)).text(), url)
 */
export function parseDeploymentManifest(text: string, source = 'manifest'): DeploymentManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new ChainManifestInvalidError({ path: source, details: 'not JSON', cause })
  }
  const parsed = deploymentManifestSchema.safeParse(json)
  if (!parsed.success) {
    throw new ChainManifestInvalidError({
      path: source,
      details: z.prettifyError(parsed.error),
      cause: parsed.error,
    })
  }
  return parsed.data as DeploymentManifest
}
