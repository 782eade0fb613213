import { z } from 'zod'
import { byteSizeSchema, durationSchema } from './units.ts'

// The YAML the operator writes (input) and the typed, unit-normalised object the relayminer runs on
// (output). Defaults and units live here and nowhere else (docs/relayminer.md, "Config reference").

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
  .describe('name of an environment variable read once at startup')
const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits')
  .transform((value) => value.toLowerCase())
const decimalBigint = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a non-negative integer')])
  .transform((value) => BigInt(value))
const serviceId = z.string().min(1).max(64)

/** Where a supplier operator key comes from: never inline in the file. */
const keySchema = z.union([
  z.strictObject({
    name: z.string().min(1).describe('how suppliers refer to this key'),
    privateKeyEnv: envName.describe('variable holding the 0x-prefixed 32-byte private key'),
  }),
  z.strictObject({
    name: z.string().min(1),
    keystoreFile: z.string().min(1).describe('version-3 JSON keystore (scrypt or pbkdf2, aes-128-ctr)'),
    passwordEnv: envName.describe('variable holding the keystore password'),
  }),
])

const embeddedBackendSchema = z.strictObject({
  kind: z.literal('embedded'),
  modelPath: z.string().min(1).describe('GGUF file; relative paths are resolved against the config file'),
  sha256: sha256Hex.describe('the sha256 the service registered; the file is refused unless it matches'),
  modelName: z.string().min(1).optional(),
  parallelSequences: z.number().int().min(1).max(64).default(2),
  maxQueuedRequests: z.number().int().min(0).default(64),
  contextSize: z.number().int().min(64).optional(),
  threads: z.number().int().min(1).default(1),
  defaultMaxTokens: z.number().int().min(1).default(256),
})

const upstreamBackendSchema = z.strictObject({
  kind: z.literal('upstream'),
  baseUrl: z.url().describe('OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1'),
  apiKeyEnv: envName.optional().describe('variable holding a bearer token for the upstream'),
  headers: z.record(z.string(), z.string()).default({}),
  model: z.string().min(1).optional().describe('the name the upstream server knows the model by'),
  timeout: durationSchema.default(120_000),
})

// The protocol's ServiceObjectives, in the same units as the watcher's config.
const objectivesSchema = z.strictObject({
  ttftP90Ms: z.number().positive().optional().describe('90 % of requests see a first token within this (ms)'),
  tpotP90Ms: z
    .number()
    .positive()
    .optional()
    .describe('90 % of requests see at most this per output token (ms)'),
  maxErrorRate: z.number().min(0).max(1).optional().describe('largest share of failed requests promised'),
})

const serviceSchema = z.strictObject({
  id: serviceId,
  backend: z.discriminatedUnion('kind', [embeddedBackendSchema, upstreamBackendSchema]),
  objectives: objectivesSchema
    .optional()
    .describe(
      'quality promised for this service, signed and served on GET /v1/objectives (watchers audit it)',
    ),
})

const supplierSchema = z.strictObject({
  key: z.string().min(1).describe('name of an entry in keys'),
  services: z.array(serviceId).min(1),
})

const listenSchema = {
  host: z.string().min(1).default('0.0.0.0'),
  port: z.number().int().min(0).max(65_535).default(8_080),
}

const serverSchema = z.strictObject({
  ...listenSchema,
  tls: z
    .strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) })
    .optional()
    .describe('serve HTTPS with this PEM certificate and key'),
  maxBodyBytes: byteSizeSchema.default(1_048_576),
  requestTimeout: durationSchema.default(120_000).describe('limit on one relay, backend time included'),
})

const chainSchema = z.strictObject({
  rpcUrl: z.url(),
  manifestFile: z.string().min(1).describe('deployment manifest written by the ledger deployment'),
  pollInterval: durationSchema.default(1_000).describe('how often to look for a new block'),
})

const claimsSchema = z.strictObject({
  minClaimValueBaseUnits: decimalBigint
    .default(0n)
    .describe('skip claims worth less than this many token base units'),
  weiPerTokenBaseUnit: decimalBigint
    .optional()
    .describe(
      'price of one token base unit in wei; when set, claims that cost more gas than they earn are skipped',
    ),
  shouldSettle: z.boolean().default(true).describe('call settlement after the proof window if nobody has'),
  drainTimeout: durationSchema
    .default(10_000)
    .describe('how long a claim waits for relays of its session still being served'),
})

/** The relayminer's config file (YAML), input side with defaults; `RelayMinerFileConfig` is its output. */
export const relayMinerConfigSchema = z.strictObject({
  keys: z.array(keySchema).min(1),
  suppliers: z.array(supplierSchema).min(1),
  services: z.array(serviceSchema).min(1),
  chain: chainSchema,
  store: z.strictObject({ dir: z.string().min(1).describe('session tree store directory') }),
  server: serverSchema.prefault({}),
  metrics: z
    .strictObject(listenSchema)
    .optional()
    .describe('serve /metrics on a separate listener; by default it is on the main server'),
  claims: claimsSchema.prefault({}),
  log: z
    .strictObject({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info') })
    .prefault({}),
})

/** The config file after validation and unit parsing (paths not yet resolved, secrets not yet read). */
export type RelayMinerFileConfig = z.output<typeof relayMinerConfigSchema>
/** What the operator may write. */
export type RelayMinerFileConfigInput = z.input<typeof relayMinerConfigSchema>
/** One backend entry. */
export type BackendConfig = RelayMinerFileConfig['services'][number]['backend']
