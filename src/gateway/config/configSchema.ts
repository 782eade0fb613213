import { z } from 'zod'
import { byteSizeSchema, durationSchema } from './units.ts'

// The YAML the operator writes (input) and the typed, unit-normalised object the gateway runs on
// (output). Defaults and units live here and nowhere else (docs/gateway.md, "Config reference").

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
  .describe('name of an environment variable read once at startup')
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte address')
  .transform((value) => value.toLowerCase() as `0x${string}`)
const serviceId = z.string().min(1).max(64)

const delegatedApplication = z.strictObject({
  address: address.describe('an application that delegated to this gateway on-chain'),
  serviceId: serviceId.describe('the service the application is staked for'),
})
const centralizedApplication = z.strictObject({
  privateKeyEnv: envName.describe("variable holding the application's 0x-prefixed private key"),
  serviceId,
})

const listenSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8_080),
  maxBodyBytes: byteSizeSchema.default(1_048_576),
  tls: z
    .strictObject({
      certFile: z.string().min(1).describe('PEM certificate (chain), relative to this file'),
      keyFile: z.string().min(1).describe('PEM private key, relative to this file'),
    })
    .optional()
    .describe('serve the OpenAI API over HTTPS (API keys travel in every request)'),
})

const chainSchema = z.strictObject({
  rpcUrl: z.url(),
  manifestFile: z.string().min(1).describe('deployment manifest written by `decai deploy`'),
  pollInterval: durationSchema.default(1_000).describe('how often to look for a new block'),
})

const routingSchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(10).default(3).describe('suppliers tried before the first byte'),
  hedgeDelay: durationSchema
    .default(2_000)
    .describe('start a second supplier if the first is this slow; 0 = off'),
  connectTimeout: durationSchema
    .default(3_000)
    .describe('a supplier not connected within this is unreachable (a partitioned host never answers)'),
  acknowledgeTimeout: durationSchema
    .default(5_000)
    .describe('non-streaming: a supplier that did not acknowledge the relay within this has failed; 0 = off'),
  firstByteTimeout: durationSchema.default(30_000).describe('streams: give up when no supplier sent a chunk'),
  requestTimeout: durationSchema.default(120_000).describe('non-streaming: give up when no answer came'),
  streamIdleTimeout: durationSchema.default(20_000).describe('a stream silent this long counts as broken'),
  maxContinuations: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(2)
    .describe('mid-stream resumes on another supplier'),
  operatorShareCap: z.number().gt(0).max(1).default(0.65).describe('max share of recent picks for one owner'),
  maxInputTokens: z.number().int().min(1).max(0xffff_ffff).default(8_192),
  maxOutputTokens: z.number().int().min(1).max(0xffff_ffff).default(4_096),
  defaultMaxOutputTokens: z
    .number()
    .int()
    .min(1)
    .default(512)
    .describe('signed bound when max_tokens is absent'),
  sessionSwitchDelayBlocks: z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe('blocks into a session before using it'),
  continuation: z
    .enum(['plain', 'none'])
    .default('plain')
    .describe("plain: resume with decai's plain chat template as a completion prompt; none: never resume"),
})

const keysSchema = z.strictObject({
  isRequired: z.boolean().default(true).describe('false serves without API keys (local development only)'),
  defaultRequestsPerMinute: z.number().int().min(0).default(0).describe('0 = unlimited'),
  defaultTokensPerMinute: z.number().int().min(0).default(0).describe('0 = unlimited'),
})

/** The gateway's config file (YAML), input side with defaults; `GatewayFileConfig` is its output. */
export const gatewayConfigSchema = z
  .strictObject({
    mode: z.enum(['delegated', 'centralized']),
    gatewayKeyEnv: envName.optional().describe("delegated mode: variable holding the gateway's private key"),
    gatewayKeystore: z
      .strictObject({
        keystoreFile: z
          .string()
          .min(1)
          .describe('version-3 JSON keystore (`decai keys create`), relative to this file'),
        passwordEnv: envName.describe('variable holding the keystore password'),
      })
      .optional()
      .describe("delegated mode, instead of gatewayKeyEnv: the gateway's key in an encrypted keystore"),
    applications: z.array(z.union([delegatedApplication, centralizedApplication])).min(1),
    models: z
      .record(z.string().min(1).max(128), serviceId)
      .default({})
      .describe('extra model names (aliases) → service id; every service id is a model name already'),
    chain: chainSchema,
    server: listenSchema.prefault({}),
    store: z.strictObject({ dir: z.string().min(1).describe('API keys and usage ledger (lmdb)') }),
    keys: keysSchema.prefault({}),
    routing: routingSchema.prefault({}),
    watchers: z
      .array(
        z.strictObject({
          url: z.url().describe("a watcher's base URL; its signed reports (GET /reports) are followed"),
          address: address.describe('the watcher whose signature is trusted'),
          pollInterval: durationSchema.default(10_000),
        }),
      )
      .default([])
      .describe('watchers whose verdicts score suppliers (a failing verdict quarantines one)'),
    watcher: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'a watcher run inside the gateway, probing its suppliers through its own routing (docs/watcher.md); validated by the watcher',
      ),
    log: z
      .strictObject({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info') })
      .prefault({}),
  })
  .superRefine((config, context) => {
    const isDelegated = config.mode === 'delegated'
    if (isDelegated && !config.gatewayKeyEnv === !config.gatewayKeystore)
      context.addIssue({
        code: 'custom',
        path: ['gatewayKeyEnv'],
        message: 'delegated mode needs the gateway key: either gatewayKeyEnv or gatewayKeystore',
      })
    config.applications.forEach((application, index) => {
      if (isDelegated !== 'address' in application)
        context.addIssue({
          code: 'custom',
          path: ['applications', index],
          message: isDelegated
            ? 'delegated mode lists application addresses (address, serviceId)'
            : 'centralized mode lists application keys (privateKeyEnv, serviceId)',
        })
    })
  })

/** The config file after validation and unit parsing (secrets not yet read). */
export type GatewayFileConfig = z.output<typeof gatewayConfigSchema>
/** What the operator may write. */
export type GatewayFileConfigInput = z.input<typeof gatewayConfigSchema>
