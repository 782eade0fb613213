import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { readKeystoreFile } from '../../chain/keystore/readKeystoreFile.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { WatcherConfigError, WatcherMissingSecretError } from '../errors.ts'
import type { ServiceObjectives } from '../qos/checkQos.ts'
import type { WatcherSettings } from '../settings.ts'
import {
  type EmbeddedWatcherFileConfig,
  embeddedWatcherConfigSchema,
  type WatcherFileConfig,
  watcherConfigSchema,
} from './configSchema.ts'

/** A service to audit: its reference model file (absolute path) and the reference's CPU threads. */
export type WatcherServiceConfig = { serviceId: string; referenceModelPath: string; threads: number }

/** The watcher's runtime config: parsed once at boot, deeply frozen, units in the names. */
export type WatcherConfig = {
  signer: { privateKey: Hex; address: Hex; application: Hex }
  chain: { rpcUrl: string; manifestFile: string }
  services: readonly WatcherServiceConfig[]
  server: { host: string; port: number }
  /** The routing settings of the gateway whose identity probes use (signed bounds, acknowledgements). */
  relayRouting: {
    maxInputTokens: number
    maxOutputTokens: number
    defaultMaxOutputTokens: number
    /** 0 = relays do not ask for a `102 Processing`. */
    acknowledgeTimeoutMs: number
  }
  settings: WatcherSettings
  /** Commit the hash of each report that changes a verdict on-chain (`WatcherReports`). */
  shouldCommitReports: boolean
  log: WatcherFileConfig['log']
}

/**
 * Reads and validates the watcher config: YAML → schema (defaults, units) → paths resolved against the
 * file's directory → the key (environment or keystore) → private prompts read → a deeply frozen object.
 *
 * @param parameters - the config file and the environment.
 * @returns the runtime config.
 * @throws {WatcherConfigError} unreadable file, bad YAML, schema errors (details: `z.prettifyError`).
 * @throws {WatcherMissingSecretError} the key's environment variable is unset or not a key.
 * @example
 * const config = await loadWatcherConfig({ file: 'watcher.yaml', env: process.env })
 */
export async function loadWatcherConfig(parameters: {
  file: string
  env: Readonly<Record<string, string | undefined>>
}): Promise<WatcherConfig> {
  const file = resolve(parameters.file)
  const text = await readText(file, 'the config file')
  const parsed = parseWatcherConfig(text)
  const baseDir = dirname(file)
  const extraPrompts = await readExtraPrompts(parsed.probes.extraPromptsFile, baseDir)
  const privateKey = await readSignerKey(parsed.signer, baseDir, parameters.env)
  return deepFreeze(toRuntimeConfig(parsed, { baseDir, privateKey, extraPrompts }))
}

/** A watcher inside a gateway: what it audits and how; the gateway supplies keys, chain and server. */
export type EmbeddedWatcherConfig = {
  isEnabled: boolean
  services: readonly WatcherServiceConfig[]
  settings: WatcherSettings
  /** Commit the hash of each report that changes a verdict on-chain (`WatcherReports`). */
  shouldCommitReports: boolean
}

/**
 * Validates the `watcher:` section of a gateway config (kept raw by the gateway, which does not know
 * the watcher) and reads its private prompts file.
 *
 * @param parameters - the raw section, and the directory of the gateway's config file (relative paths).
 * @returns the runtime config, deeply frozen.
 * @throws {WatcherConfigError} schema errors, or an unreadable prompts file.
 * @example
 * const watcher = await parseEmbeddedWatcherConfig({ raw: gatewayConfig.watcher, baseDir })
 */
export async function parseEmbeddedWatcherConfig(parameters: {
  raw: unknown
  baseDir: string
}): Promise<EmbeddedWatcherConfig> {
  const result = embeddedWatcherConfigSchema.safeParse(parameters.raw ?? {})
  if (!result.success) throw new WatcherConfigError({ details: `watcher: ${z.prettifyError(result.error)}` })
  const parsed = result.data
  const extraPrompts = parsed.enabled
    ? await readExtraPrompts(parsed.probes.extraPromptsFile, parameters.baseDir)
    : []
  return deepFreeze({
    isEnabled: parsed.enabled,
    services: servicesOf(parsed, parameters.baseDir),
    settings: toSettings(parsed, extraPrompts),
    shouldCommitReports: parsed.commitReportsOnChain,
  })
}

/**
 * Validates config text (YAML or JSON) without touching the file system or the environment.
 *
 * @param text - the file's text.
 * @returns the parsed file config.
 * @throws {WatcherConfigError} for bad YAML or schema errors.
 * @example
 * parseWatcherConfig('signer: …')
 */
export function parseWatcherConfig(text: string): WatcherFileConfig {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (cause) {
    throw new WatcherConfigError({ details: 'the file is not valid YAML', cause })
  }
  const result = watcherConfigSchema.safeParse(raw ?? {})
  if (!result.success) throw new WatcherConfigError({ details: z.prettifyError(result.error) })
  return result.data
}

function toRuntimeConfig(
  parsed: WatcherFileConfig,
  context: { baseDir: string; privateKey: Hex; extraPrompts: string[] },
): WatcherConfig {
  const { privateKey } = context
  return {
    signer: { privateKey, address: privateKeyToAddress(privateKey), application: parsed.signer.application },
    chain: { rpcUrl: parsed.chain.rpcUrl, manifestFile: resolve(context.baseDir, parsed.chain.manifestFile) },
    services: servicesOf(parsed, context.baseDir),
    server: parsed.server,
    relayRouting: {
      maxInputTokens: parsed.probes.maxInputTokens,
      maxOutputTokens: parsed.probes.maxOutputTokens,
      defaultMaxOutputTokens: Math.min(parsed.probes.defaultMaxOutputTokens, parsed.probes.maxOutputTokens),
      acknowledgeTimeoutMs: parsed.probes.acknowledgeTimeout,
    },
    settings: toSettings(parsed, context.extraPrompts),
    shouldCommitReports: parsed.commitReportsOnChain,
    log: parsed.log,
  }
}

// The parts both config files share (the standalone file's probes add an input-token cap).
type AuditSections = Pick<EmbeddedWatcherFileConfig, 'services' | 'audit' | 'calibration' | 'probes'>

function servicesOf(parsed: AuditSections, baseDir: string): WatcherServiceConfig[] {
  return Object.entries(parsed.services).map(([serviceId, service]) => ({
    serviceId,
    referenceModelPath: resolve(baseDir, service.referenceModel),
    threads: service.threads,
  }))
}

function toSettings(parsed: AuditSections, extraPrompts: string[]): WatcherSettings {
  const { calibration, probes } = parsed
  const objectives: Record<string, ServiceObjectives> = {}
  for (const [serviceId, service] of Object.entries(parsed.services))
    objectives[serviceId] = service.objectives
  return {
    alpha: parsed.audit.alpha,
    minProbesForPass: parsed.audit.minProbesForPass,
    identity: {
      tolerances: { marginNats: calibration.marginNats, logprobNats: calibration.logprobNats },
      nullRates: {
        tokenViolationRate: calibration.tokenViolationRate,
        logprobDeviationRate: calibration.logprobDeviationRate,
      },
    },
    metering: {
      tolerances: {
        promptTokens: calibration.promptTokenTolerance,
        completionTokens: calibration.completionTokenTolerance,
      },
      excessRate: calibration.meteringExcessRate,
    },
    objectives,
    probes: {
      profile: probes.profile,
      meanIntervalMs: probes.meanInterval,
      timeoutMs: probes.timeout,
      maxConcurrent: probes.maxConcurrent,
      extraPrompts,
      maxPromptUses: probes.maxPromptUses,
    },
    targetRefreshMs: probes.targetRefresh,
  }
}

async function readSignerKey(
  signer: WatcherFileConfig['signer'],
  baseDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Hex> {
  if (signer.privateKeyEnv) return readKey(env, signer.privateKeyEnv)
  // The schema lets keystoreFile through only with passwordEnv.
  const passwordEnv = signer.passwordEnv!
  const password = env[passwordEnv]
  if (!password)
    throw new WatcherConfigError({
      details: `environment variable ${passwordEnv} (the keystore password) is not set`,
    })
  const path = resolve(baseDir, signer.keystoreFile!)
  try {
    return await readKeystoreFile({ path, password })
  } catch (cause) {
    const reason = cause instanceof BaseError ? cause.shortMessage : 'unreadable'
    throw new WatcherConfigError({ details: `signer.keystoreFile ${path}: ${reason}`, cause })
  }
}

function readKey(env: Readonly<Record<string, string | undefined>>, variable: string): Hex {
  const value = env[variable]?.trim()
  if (!value || !/^0x[0-9a-fA-F]{64}$/.test(value)) throw new WatcherMissingSecretError({ variable })
  return value.toLowerCase() as Hex
}

async function readExtraPrompts(file: string | undefined, baseDir: string): Promise<string[]> {
  if (!file) return []
  return parsePromptLines(await readText(resolve(baseDir, file), 'the private prompts file'))
}

// One prompt per line; blank lines and lines starting with # are skipped.
function parsePromptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (cause) {
    throw new WatcherConfigError({ details: `cannot read ${what} (${file})`, cause })
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
