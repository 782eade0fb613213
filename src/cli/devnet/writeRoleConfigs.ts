import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { stringify } from 'yaml'
import type { GatewayFileConfigInput } from '../../gateway/index.ts'
import type { RelayMinerFileConfigInput } from '../../relayminer/config/configSchema.ts'
import type { WatcherFileConfigInput } from '../../watcher/config/configSchema.ts'
import type { DevnetPaths } from './devnetPaths.ts'

/** Environment variables the role processes read their keys from (set by the devnet, never written to disk). */
export const roleKeyEnv = {
  operator: 'DECAI_DEVNET_OPERATOR_KEY',
  gateway: 'DECAI_DEVNET_GATEWAY_KEY',
} as const

type Role = 'relayminer' | 'gateway' | 'watcher'

// Each role reads its key from an environment variable or from a version-3 keystore (`decai keys create`);
// the header says how to switch this file to the keystore, in that role's own field names.
const keystoreHint: Record<Role, string> = {
  relayminer: `replace the key entry's privateKeyEnv with keystoreFile: <file> and passwordEnv: <VAR>`,
  gateway: `replace gatewayKeyEnv with gatewayKeystore: { keystoreFile: <file>, passwordEnv: <VAR> }`,
  watcher: `replace signer.privateKeyEnv with signer.keystoreFile: <file> and signer.passwordEnv: <VAR>`,
}

/** The comment at the top of a role config the devnet writes: what it is and how to run it for real. */
export const roleConfigHeader = (role: Role) =>
  `# ${role} config written by \`decai devnet\` (rewritten at every start).\n` +
  '# The same file runs this role for real: point chain.rpcUrl and chain.manifestFile at your chain,\n' +
  `# and set ${role === 'relayminer' ? roleKeyEnv.operator : roleKeyEnv.gateway} to the key, or use a keystore:\n` +
  `# ${keystoreHint[role]} (the keystore's password in that variable; paths relative to this file).\n`

/**
 * Writes a relayminer config for one devnet supplier: the embedded llama.cpp backend on the demo model,
 * the devnet chain, a store under its own directory, and a loopback listener.
 *
 * @returns the config file's path
 * @example
 * const file = await writeRelayMinerConfig({ paths, index: 0, port: 8081, rpcUrl, serviceId, model })
 */
export async function writeRelayMinerConfig(parameters: {
  paths: DevnetPaths
  index: number
  /** Listen address. Default 127.0.0.1. */
  host?: string | undefined
  port: number
  rpcUrl: string
  serviceId: string
  model: { path: string; sha256: string }
}): Promise<string> {
  const { paths, index, serviceId, model } = parameters
  const dir = paths.relayMinerDir(index)
  const config: RelayMinerFileConfigInput = {
    keys: [{ name: 'operator', privateKeyEnv: roleKeyEnv.operator }],
    suppliers: [{ key: 'operator', services: [serviceId] }],
    services: [
      {
        id: serviceId,
        backend: {
          kind: 'embedded',
          modelPath: relative(dir, model.path),
          sha256: model.sha256,
          modelName: serviceId,
          parallelSequences: 2,
          threads: 1,
        },
      },
    ],
    chain: { rpcUrl: parameters.rpcUrl, manifestFile: relative(dir, paths.manifest), pollInterval: '250ms' },
    store: { dir: 'store' },
    server: { host: parameters.host ?? '127.0.0.1', port: parameters.port },
    log: { level: 'info' },
  }
  return writeConfig(dir, 'relayminer', config)
}

/**
 * Writes the gateway config: delegated mode for the devnet's application, the devnet chain, API keys
 * required, and a loopback listener.
 *
 * @returns the config file's path
 * @example
 * const file = await writeGatewayConfig({ paths, port: 8080, rpcUrl, serviceId, application })
 */
export async function writeGatewayConfig(parameters: {
  paths: DevnetPaths
  /** Listen address. Default 127.0.0.1. */
  host?: string | undefined
  port: number
  rpcUrl: string
  serviceId: string
  application: string
  /** A watcher whose signed verdicts the gateway follows. */
  watcher?: { url: string; address: string } | undefined
}): Promise<string> {
  const dir = parameters.paths.gatewayDir
  const config: GatewayFileConfigInput = {
    mode: 'delegated',
    gatewayKeyEnv: roleKeyEnv.gateway,
    applications: [{ address: parameters.application, serviceId: parameters.serviceId }],
    chain: {
      rpcUrl: parameters.rpcUrl,
      manifestFile: relative(dir, parameters.paths.manifest),
      pollInterval: '250ms',
    },
    server: { host: parameters.host ?? '127.0.0.1', port: parameters.port },
    store: { dir: 'store' },
    watchers: parameters.watcher ? [{ ...parameters.watcher, pollInterval: '5s' }] : [],
    log: { level: 'info' },
  }
  return writeConfig(dir, 'gateway', config)
}

/**
 * Writes the watcher config: it probes the service's suppliers as the gateway (same key, same application,
 * so probes look like the gateway's traffic) and checks answers against the demo model, the registered
 * artifact. The hash of each verdict-changing report is committed on chain with that key.
 *
 * @returns the config file's path
 * @example
 * const file = await writeWatcherConfig({ paths, port: 8090, rpcUrl, serviceId, application, modelPath })
 */
export async function writeWatcherConfig(parameters: {
  paths: DevnetPaths
  port: number
  rpcUrl: string
  serviceId: string
  application: string
  modelPath: string
}): Promise<string> {
  const dir = parameters.paths.watcherDir
  const config: WatcherFileConfigInput = {
    signer: { privateKeyEnv: roleKeyEnv.gateway, application: parameters.application },
    chain: { rpcUrl: parameters.rpcUrl, manifestFile: relative(dir, parameters.paths.manifest) },
    services: { [parameters.serviceId]: { referenceModel: relative(dir, parameters.modelPath) } },
    server: { host: '127.0.0.1', port: parameters.port },
    // A probe per supplier every 20 s on average: enough to reach verdicts in minutes, light on two cores.
    probes: { meanInterval: '20s', targetRefresh: '10s' },
    // Verdict changes are committed to WatcherReports, so the explorer shows them as on-chain records.
    commitReportsOnChain: true,
    log: { level: 'info' },
  }
  return writeConfig(dir, 'watcher', config)
}

async function writeConfig(dir: string, role: Role, config: object): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'config.yaml')
  await writeFile(file, `${roleConfigHeader(role)}${stringify(config)}`)
  return file
}
