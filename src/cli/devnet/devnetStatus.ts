import { writeFile } from 'node:fs/promises'
import type { DeploymentManifest } from '../../chain/index.ts'
import { CliDevnetFailedError } from '../context/cliErrors.ts'
import type { DevnetKeys } from './devnetKeys.ts'
import type { DevnetPaths } from './devnetPaths.ts'
import type { DemoModel } from './ensureDemoModel.ts'

/** What a running devnet is: what `--json` prints and `status.json` holds. */
export type DevnetStatus = {
  version: 1
  pid: number
  dataDir: string
  chain: { rpcUrl: string; chainId: number; blockTimeSec: number; manifest: string }
  contracts: DeploymentManifest['contracts']
  service: { id: string; modelSha256: string; modelPath: string; modelSize: string }
  gateway: { url: string; apiKey: string; address: string; metricsUrl: string; configFile: string }
  application: { address: string }
  champion: { address: string }
  dao: { address: string }
  suppliers: { operator: string; owner: string; endpoint: string; metricsUrl: string; configFile: string }[]
  /** The watcher's signed reports (`GET <url>/reports`), signed by `address`; null with --no-watcher. */
  watcher: { url: string; reportsUrl: string; address: string; configFile: string } | null
  /** The web explorer; null with --no-explorer. */
  explorer: { url: string } | null
  logs: string
  /** Dev-only plain keys of every role (see the warning inside). */
  keysFile: string
}

/**
 * Assembles the status of a running devnet.
 *
 * @returns the status
 * @throws {CliDevnetFailedError} when a URL is not on 127.0.0.1 (the devnet serves loopback only)
 * @example
 * const status = buildDevnetStatus({ paths, manifest, keys, model, … })
 */
export function buildDevnetStatus(parameters: {
  paths: DevnetPaths
  rpcUrl: string
  blockTimeSec: number
  manifest: DeploymentManifest
  keys: DevnetKeys
  model: DemoModel
  serviceId: string
  gateway: { url: string; configFile: string }
  apiKey: string
  relayMiners: readonly { url: string; configFile: string }[]
  watcher: { url: string; configFile: string } | undefined
  explorer: { url: string } | undefined
}): DevnetStatus {
  const { paths, manifest, keys, model } = parameters
  return assertLoopbackOnly({
    version: 1,
    pid: process.pid,
    dataDir: paths.root,
    chain: {
      rpcUrl: parameters.rpcUrl,
      chainId: manifest.chainId,
      blockTimeSec: parameters.blockTimeSec,
      manifest: paths.manifest,
    },
    contracts: manifest.contracts,
    service: {
      id: parameters.serviceId,
      modelSha256: model.sha256,
      modelPath: model.path,
      modelSize: model.size,
    },
    gateway: {
      url: `${parameters.gateway.url}/v1`,
      apiKey: parameters.apiKey,
      address: keys.gateway.address,
      metricsUrl: `${parameters.gateway.url}/metrics`,
      configFile: parameters.gateway.configFile,
    },
    application: { address: keys.application.address },
    champion: { address: keys.champion.address },
    dao: { address: keys.dao.address },
    suppliers: parameters.relayMiners.map((relayMiner, index) => ({
      operator: keys.suppliers[index]!.operator.address,
      owner: keys.suppliers[index]!.owner.address,
      endpoint: relayMiner.url,
      metricsUrl: `${relayMiner.url}/metrics`,
      configFile: relayMiner.configFile,
    })),
    watcher: parameters.watcher
      ? {
          url: parameters.watcher.url,
          reportsUrl: `${parameters.watcher.url}/reports`,
          address: keys.gateway.address,
          configFile: parameters.watcher.configFile,
        }
      : null,
    explorer: parameters.explorer ? { url: parameters.explorer.url } : null,
    logs: paths.logs,
    keysFile: paths.keys,
  })
}

// The devnet serves nothing beyond this machine (its keys are in plain files): every URL it reports must be
// on the loopback address, whatever a caller passed in.
function assertLoopbackOnly(status: DevnetStatus): DevnetStatus {
  const urls = collectUrls(status)
  const outside = urls.find((url) => new URL(url).hostname !== '127.0.0.1')
  if (outside)
    throw new CliDevnetFailedError({
      step: 'keep every service on loopback',
      hint: `${outside} is not on 127.0.0.1; the devnet listens on loopback only.`,
    })
  return status
}

function collectUrls(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : []
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(collectUrls)
  return []
}

/**
 * Writes `status.json`, which `decai` commands read to find the local devnet (its RPC URL).
 *
 * @example
 * await writeDevnetStatus(paths.status, status)
 */
export async function writeDevnetStatus(file: string, status: DevnetStatus): Promise<void> {
  await writeFile(file, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 })
}
