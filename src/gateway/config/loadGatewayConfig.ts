import { constants } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { readKeystoreFile } from '../../chain/keystore/readKeystoreFile.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { GatewayConfigError, GatewayMissingSecretError } from '../errors.ts'
import { type GatewayFileConfig, gatewayConfigSchema } from './configSchema.ts'
import { Secret } from './secret.ts'

/** An application the gateway relays for, with the key that signs its relays. */
export type GatewayApplication = {
  /** The application's address (lower case). */
  address: Hex
  serviceId: string
  /** Who signs: the gateway (delegated mode) or the application itself (centralized mode). */
  signerAddress: Hex
  signerKey: Secret<Hex>
}

/** The gateway's runtime config: parsed once at boot, deeply frozen, units in the names. */
export type GatewayConfig = {
  mode: 'delegated' | 'centralized'
  /** The gateway's own address (delegated mode). */
  gatewayAddress: Hex | undefined
  applications: readonly GatewayApplication[]
  /** Model name → service id, with every served service id mapping to itself. */
  models: Readonly<Record<string, string>>
  chain: { rpcUrl: string; manifestFile: string; pollIntervalMs: number }
  server: {
    host: string
    port: number
    maxBodyBytes: number
    /** HTTPS with these PEM files (paths resolved against the config file's folder). */
    tls?: { certFile: string; keyFile: string } | undefined
  }
  store: { dir: string }
  keys: GatewayFileConfig['keys']
  routing: RoutingConfig
  /** Watchers whose signed verdicts are followed (wired by the CLI). */
  watchers: readonly { url: string; address: Hex; pollIntervalMs: number }[]
  /** The `watcher:` section as written: the watcher's own schema validates it (the CLI wires it). */
  watcher: Readonly<Record<string, unknown>> | undefined
  log: GatewayFileConfig['log']
}

/** Routing knobs with their units in the names. */
export type RoutingConfig = {
  maxAttempts: number
  hedgeDelayMs: number
  connectTimeoutMs: number
  /** 0 = do not ask suppliers to acknowledge relays. */
  acknowledgeTimeoutMs: number
  firstByteTimeoutMs: number
  requestTimeoutMs: number
  streamIdleTimeoutMs: number
  maxContinuations: number
  operatorShareCap: number
  maxInputTokens: number
  maxOutputTokens: number
  defaultMaxOutputTokens: number
  sessionSwitchDelayBlocks: number
  continuation: 'plain' | 'none'
}

/** Inputs of `loadGatewayConfig`: the file and the environment, read here and nowhere else. */
export type LoadGatewayConfigParameters = { file: string; env: Readonly<Record<string, string | undefined>> }

/**
 * Reads and validates the gateway config: YAML → schema (defaults, units) → relative paths resolved
 * against the file's directory → keys read from the environment or the gateway's keystore → a deeply
 * frozen object.
 *
 * @param parameters - the config file path and the environment
 * @returns the runtime config
 * @throws {GatewayConfigError} unreadable file, bad YAML, schema errors (details: `z.prettifyError`)
 * @throws {GatewayMissingSecretError} an environment variable the config names is not set
 * @example
 * const config = await loadGatewayConfig({ file: 'gateway.yaml', env: process.env })
 */
export async function loadGatewayConfig(parameters: LoadGatewayConfigParameters): Promise<GatewayConfig> {
  const file = resolve(parameters.file)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new GatewayConfigError({ details: `cannot read ${file}`, cause })
  }
  const baseDir = dirname(file)
  const parsed = parseGatewayFile(text)
  if (parsed.server.tls) await checkTlsFiles(parsed.server.tls, baseDir)
  const gatewayKey = parsed.gatewayKeystore
    ? await readGatewayKeystore(parsed.gatewayKeystore, baseDir, parameters.env)
    : undefined
  return deepFreeze(buildConfig(parsed, baseDir, parameters.env, gatewayKey))
}

/**
 * Validates config text (YAML or JSON) without touching the file system; `loadGatewayConfig` uses it.
 *
 * @param parameters - the text, the directory relative paths are resolved against, the environment
 * @returns the runtime config
 * @throws {GatewayConfigError} bad YAML or schema errors; {GatewayMissingSecretError} unset variables
 * @example
 * const config = parseGatewayConfig({ text: yamlText, baseDir: process.cwd(), env: process.env })
 */
export function parseGatewayConfig(parameters: {
  text: string
  baseDir: string
  env: Readonly<Record<string, string | undefined>>
}): GatewayConfig {
  const parsed = parseGatewayFile(parameters.text)
  if (parsed.gatewayKeystore)
    throw new GatewayConfigError({ details: 'gatewayKeystore is read from a file: use loadGatewayConfig' })
  return deepFreeze(buildConfig(parsed, parameters.baseDir, parameters.env, undefined))
}

function parseGatewayFile(text: string): GatewayFileConfig {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (cause) {
    throw new GatewayConfigError({ details: 'not valid YAML', cause })
  }
  const result = gatewayConfigSchema.safeParse(raw ?? {})
  if (!result.success) throw new GatewayConfigError({ details: z.prettifyError(result.error) })
  return result.data
}

// A missing certificate should stop the gateway at load with the path, not at listen with a bare ENOENT.
async function checkTlsFiles(tls: { certFile: string; keyFile: string }, baseDir: string): Promise<void> {
  for (const [field, file] of Object.entries(tls)) {
    const path = resolve(baseDir, file)
    try {
      await access(path, constants.R_OK)
    } catch (cause) {
      throw new GatewayConfigError({ details: `server.tls.${field} ${path}: not readable`, cause })
    }
  }
}

async function readGatewayKeystore(
  keystore: NonNullable<GatewayFileConfig['gatewayKeystore']>,
  baseDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Secret<Hex>> {
  const password = env[keystore.passwordEnv]
  if (!password)
    throw new GatewayMissingSecretError({
      variable: keystore.passwordEnv,
      purpose: 'gateway keystore password',
    })
  const path = resolve(baseDir, keystore.keystoreFile)
  try {
    return new Secret(await readKeystoreFile({ path, password }))
  } catch (cause) {
    const reason = cause instanceof BaseError ? cause.shortMessage : 'unreadable'
    throw new GatewayConfigError({ details: `gatewayKeystore.keystoreFile ${path}: ${reason}`, cause })
  }
}

function buildConfig(
  parsed: GatewayFileConfig,
  baseDir: string,
  env: Readonly<Record<string, string | undefined>>,
  keystoreKey: Secret<Hex> | undefined,
): GatewayConfig {
  const gatewayKey =
    keystoreKey ?? (parsed.gatewayKeyEnv ? readKey(env, parsed.gatewayKeyEnv, 'gateway key') : undefined)
  const gatewayAddress = gatewayKey ? privateKeyToAddress(gatewayKey.reveal()) : undefined
  const applications = parsed.applications.map((entry): GatewayApplication => {
    if ('address' in entry) {
      return {
        address: entry.address,
        serviceId: entry.serviceId,
        signerAddress: gatewayAddress!,
        signerKey: gatewayKey!,
      }
    }
    const key = readKey(env, entry.privateKeyEnv, `application key for ${entry.serviceId}`)
    const appAddress = privateKeyToAddress(key.reveal())
    return { address: appAddress, serviceId: entry.serviceId, signerAddress: appAddress, signerKey: key }
  })
  const models: Record<string, string> = {}
  for (const application of applications) models[application.serviceId] = application.serviceId
  for (const [alias, serviceId] of Object.entries(parsed.models)) {
    if (!(serviceId in models))
      throw new GatewayConfigError({ details: `models.${alias}: no application serves '${serviceId}'` })
    models[alias] = serviceId
  }
  const { routing } = parsed
  return {
    mode: parsed.mode,
    gatewayAddress,
    applications,
    models,
    chain: {
      rpcUrl: parsed.chain.rpcUrl,
      manifestFile: resolve(baseDir, parsed.chain.manifestFile),
      pollIntervalMs: parsed.chain.pollInterval,
    },
    server: {
      ...parsed.server,
      tls: parsed.server.tls && {
        certFile: resolve(baseDir, parsed.server.tls.certFile),
        keyFile: resolve(baseDir, parsed.server.tls.keyFile),
      },
    },
    store: { dir: resolve(baseDir, parsed.store.dir) },
    keys: parsed.keys,
    routing: {
      maxAttempts: routing.maxAttempts,
      hedgeDelayMs: routing.hedgeDelay,
      connectTimeoutMs: routing.connectTimeout,
      acknowledgeTimeoutMs: routing.acknowledgeTimeout,
      firstByteTimeoutMs: routing.firstByteTimeout,
      requestTimeoutMs: routing.requestTimeout,
      streamIdleTimeoutMs: routing.streamIdleTimeout,
      maxContinuations: routing.maxContinuations,
      operatorShareCap: routing.operatorShareCap,
      maxInputTokens: routing.maxInputTokens,
      maxOutputTokens: routing.maxOutputTokens,
      defaultMaxOutputTokens: Math.min(routing.defaultMaxOutputTokens, routing.maxOutputTokens),
      sessionSwitchDelayBlocks: routing.sessionSwitchDelayBlocks,
      continuation: routing.continuation,
    },
    watchers: parsed.watchers.map((watcher) => ({
      url: watcher.url,
      address: watcher.address,
      pollIntervalMs: watcher.pollInterval,
    })),
    watcher: parsed.watcher,
    log: parsed.log,
  }
}

function readKey(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  purpose: string,
): Secret<Hex> {
  const value = env[variable]?.trim()
  if (!value) throw new GatewayMissingSecretError({ variable, purpose })
  const hex = value.startsWith('0x') ? value : `0x${value}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new GatewayConfigError({ details: `${variable} (${purpose}) is not a 32-byte hex private key` })
  return new Secret(hex.toLowerCase() as Hex)
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/**
 * Reads only the key-store directory from a config file, without reading any secret: what the
 * `decai gateway keys` commands need, so they run without the gateway's key in the environment.
 *
 * @param file - the config file
 * @returns the absolute store directory and the key defaults
 * @throws {GatewayConfigError} unreadable file, bad YAML or schema errors
 * @example
 * const { storeDir } = await readGatewayStoreSettings('gateway.yaml')
 */
export async function readGatewayStoreSettings(
  file: string,
): Promise<{ storeDir: string; keys: GatewayFileConfig['keys'] }> {
  const path = resolve(file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new GatewayConfigError({ details: `cannot read ${path}`, cause })
  }
  const parsed = parseGatewayFile(text)
  return { storeDir: resolve(dirname(path), parsed.store.dir), keys: parsed.keys }
}
