import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { decryptKeystore } from '../../chain/keystore/decryptKeystore.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { MissingSecretError, RelayMinerConfigError } from '../errors.ts'
import { type RelayMinerFileConfig, relayMinerConfigSchema } from './configSchema.ts'
import { Secret } from './secret.ts'

/** One supplier operator this process serves, with its signing key. */
export type SupplierConfig = {
  keyName: string
  /** Lower-case operator address, derived from the key. */
  operatorAddress: Hex
  privateKey: Secret<Hex>
  serviceIds: readonly string[]
}

type FileBackend = RelayMinerFileConfig['services'][number]['backend']
type EmbeddedFileBackend = Extract<FileBackend, { kind: 'embedded' }>
type UpstreamFileBackend = Extract<FileBackend, { kind: 'upstream' }>

/** A backend with its paths resolved and its secrets read. */
export type ResolvedBackendConfig =
  | EmbeddedFileBackend
  | (Omit<UpstreamFileBackend, 'apiKeyEnv' | 'timeout'> & {
      apiKey: Secret<string> | undefined
      timeoutMs: number
    })

/** The relayminer's runtime config: parsed once at boot, deeply frozen, units in the names. */
export type RelayMinerConfig = {
  suppliers: readonly SupplierConfig[]
  services: readonly {
    id: string
    backend: ResolvedBackendConfig
    objectives: ServiceObjectives | undefined
  }[]
  chain: { rpcUrl: string; manifestFile: string; pollIntervalMs: number }
  store: { dir: string }
  server: {
    host: string
    port: number
    tls: { certFile: string; keyFile: string } | undefined
    maxBodyBytes: number
    requestTimeoutMs: number
  }
  metrics: { host: string; port: number } | undefined
  claims: {
    minClaimValueBaseUnits: bigint
    weiPerTokenBaseUnit: bigint | undefined
    shouldSettle: boolean
    drainTimeoutMs: number
  }
  log: { level: 'trace' | 'debug' | 'info' | 'warn' | 'error' }
}

/** Inputs of `loadConfig`: the file and the environment, read here and nowhere else. */
export type LoadConfigParameters = {
  file: string
  env: Readonly<Record<string, string | undefined>>
}

/**
 * Reads, validates and resolves the relayminer config: YAML → schema (defaults, units) → relative paths
 * resolved against the file's directory → keys read from the environment or decrypted from keystores →
 * cross-references checked. The result is deeply frozen.
 *
 * @param parameters - the config file path and the environment
 * @returns the runtime config
 * @throws {RelayMinerConfigError} unreadable file, bad YAML, schema errors (details: `z.prettifyError`),
 *   unknown key or service names, duplicate entries
 * @throws {MissingSecretError} an environment variable the config names is not set
 * @example
 * const config = await loadConfig({ file: 'relayminer.yaml', env: process.env })
 */
export async function loadConfig(parameters: LoadConfigParameters): Promise<RelayMinerConfig> {
  const file = resolve(parameters.file)
  const parsed = parseConfigText(await readConfigFile(file))
  const base = dirname(file)
  const keys = await resolveKeys(parsed.keys, base, parameters.env)
  return deepFreeze(buildConfig(parsed, base, keys, parameters.env))
}

/**
 * Validates config text (YAML or JSON) against the schema.
 *
 * @param text - the file's content
 * @returns the validated file config (units parsed, defaults applied)
 * @throws {RelayMinerConfigError} YAML syntax or schema errors, pretty-printed in `details`
 * @example
 * const fileConfig = parseConfigText(readFileSync('relayminer.yaml', 'utf8'))
 */
export function parseConfigText(text: string): RelayMinerFileConfig {
  let document: unknown
  try {
    document = parseYaml(text)
  } catch (cause) {
    throw new RelayMinerConfigError({ details: `not valid YAML: ${(cause as Error).message}`, cause })
  }
  const result = relayMinerConfigSchema.safeParse(document ?? {})
  if (!result.success) throw new RelayMinerConfigError({ details: z.prettifyError(result.error) })
  return result.data
}

async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (cause) {
    throw new RelayMinerConfigError({ details: `cannot read ${file}`, cause })
  }
}

type ResolvedKey = { privateKey: Secret<Hex>; operatorAddress: Hex }

async function resolveKeys(
  keys: RelayMinerFileConfig['keys'],
  base: string,
  env: LoadConfigParameters['env'],
): Promise<Map<string, ResolvedKey>> {
  const resolved = new Map<string, ResolvedKey>()
  for (const key of keys) {
    if (resolved.has(key.name))
      throw new RelayMinerConfigError({ details: `key name ${key.name} is repeated` })
    const privateKey =
      'privateKeyEnv' in key ? readPrivateKeyEnv(env, key.privateKeyEnv) : await readKeystore(key, base, env)
    resolved.set(key.name, {
      privateKey: new Secret(privateKey),
      operatorAddress: addressOf(privateKey, key.name),
    })
  }
  return resolved
}

function readPrivateKeyEnv(env: LoadConfigParameters['env'], variable: string): Hex {
  const value = requireEnv(env, variable, 'supplier operator private key').trim()
  const hex = value.startsWith('0x') ? value : `0x${value}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new RelayMinerConfigError({ details: `${variable} does not hold a 32-byte hex private key` })
  return hex.toLowerCase() as Hex
}

async function readKeystore(
  key: { name: string; keystoreFile: string; passwordEnv: string },
  base: string,
  env: LoadConfigParameters['env'],
): Promise<Hex> {
  const password = requireEnv(env, key.passwordEnv, `password of keystore ${key.name}`)
  const path = resolve(base, key.keystoreFile)
  let document: unknown
  try {
    document = JSON.parse(await readFile(path, 'utf8'))
  } catch (cause) {
    throw new RelayMinerConfigError({ details: `cannot read keystore ${path} as JSON`, cause })
  }
  return decryptKeystore(document, password)
}

function addressOf(privateKey: Hex, name: string): Hex {
  try {
    return privateKeyToAddress(privateKey)
  } catch (cause) {
    throw new RelayMinerConfigError({ details: `key ${name} is not a valid secp256k1 private key`, cause })
  }
}

function requireEnv(env: LoadConfigParameters['env'], variable: string, purpose: string): string {
  const value = env[variable]
  if (value === undefined || value === '') throw new MissingSecretError({ variable, purpose })
  return value
}

function buildConfig(
  parsed: RelayMinerFileConfig,
  base: string,
  keys: Map<string, ResolvedKey>,
  env: LoadConfigParameters['env'],
): RelayMinerConfig {
  const services = parsed.services.map((service) => ({
    id: service.id,
    backend: resolveBackend(service.backend, base, env),
    objectives: service.objectives,
  }))
  return {
    suppliers: buildSuppliers(parsed, keys, new Set(services.map((service) => service.id))),
    services: assertUniqueServices(services),
    chain: {
      rpcUrl: parsed.chain.rpcUrl,
      manifestFile: resolve(base, parsed.chain.manifestFile),
      pollIntervalMs: parsed.chain.pollInterval,
    },
    store: { dir: resolve(base, parsed.store.dir) },
    server: {
      host: parsed.server.host,
      port: parsed.server.port,
      tls: parsed.server.tls && {
        certFile: resolve(base, parsed.server.tls.certFile),
        keyFile: resolve(base, parsed.server.tls.keyFile),
      },
      maxBodyBytes: parsed.server.maxBodyBytes,
      requestTimeoutMs: parsed.server.requestTimeout,
    },
    metrics: parsed.metrics,
    claims: {
      minClaimValueBaseUnits: parsed.claims.minClaimValueBaseUnits,
      weiPerTokenBaseUnit: parsed.claims.weiPerTokenBaseUnit,
      shouldSettle: parsed.claims.shouldSettle,
      drainTimeoutMs: parsed.claims.drainTimeout,
    },
    log: parsed.log,
  }
}

function resolveBackend(
  backend: FileBackend,
  base: string,
  env: LoadConfigParameters['env'],
): ResolvedBackendConfig {
  if (backend.kind === 'embedded') return { ...backend, modelPath: resolve(base, backend.modelPath) }
  const { apiKeyEnv, timeout, ...rest } = backend
  const apiKey =
    apiKeyEnv === undefined ? undefined : new Secret(requireEnv(env, apiKeyEnv, 'upstream API key'))
  return { ...rest, apiKey, timeoutMs: timeout }
}

function buildSuppliers(
  parsed: RelayMinerFileConfig,
  keys: Map<string, ResolvedKey>,
  serviceIds: Set<string>,
): SupplierConfig[] {
  const seen = new Set<string>()
  return parsed.suppliers.map((supplier) => {
    const key = keys.get(supplier.key)
    if (!key) throw new RelayMinerConfigError({ details: `supplier key ${supplier.key} is not in keys` })
    if (seen.has(key.operatorAddress))
      throw new RelayMinerConfigError({ details: `key ${supplier.key} is used by two suppliers` })
    seen.add(key.operatorAddress)
    for (const id of supplier.services)
      if (!serviceIds.has(id))
        throw new RelayMinerConfigError({ details: `service ${id} is not in services` })
    return { keyName: supplier.key, ...key, serviceIds: [...new Set(supplier.services)] }
  })
}

function assertUniqueServices<T extends { id: string }>(services: T[]): T[] {
  const ids = new Set(services.map((service) => service.id))
  if (ids.size !== services.length) throw new RelayMinerConfigError({ details: 'a service id is repeated' })
  return services
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || value instanceof Secret || Object.isFrozen(value))
    return value
  for (const child of Object.values(value)) deepFreeze(child)
  return Object.freeze(value)
}
