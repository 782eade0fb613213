import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { DeploymentManifest, DeploymentManifestJson } from './deploymentManifestSchema.ts'

/**
 * Converts a manifest to its JSON form (bigints as decimal strings).
 *
 * @returns the JSON-safe object
 * @example
 * JSON.stringify(toDeploymentManifestJson(manifest), null, 2)
 */
export function toDeploymentManifestJson(manifest: DeploymentManifest): DeploymentManifestJson {
  return JSON.parse(
    JSON.stringify(manifest, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
  ) as DeploymentManifestJson
}

/**
 * Writes a deployment manifest atomically (temporary file, then rename), so that a reader never sees half
 * a file.
 *
 * @param path where to write it; parent folders are created
 * @param manifest the manifest
 * @example
 * await writeDeploymentManifest('.data/deployment.json', manifest)
 */
export async function writeDeploymentManifest(path: string, manifest: DeploymentManifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify(toDeploymentManifestJson(manifest), null, 2)}\n`)
  await rename(temporary, path)
}
