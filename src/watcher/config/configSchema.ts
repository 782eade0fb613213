import { z } from 'zod'
import { defaultCalibration, defaultTrafficProfile } from '../settings.ts'

// The YAML the operator writes (input) and the typed, unit-normalised object the watcher runs on
// (output). Defaults and units live here and nowhere else (docs/watcher.md, "Configuration").

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
  .describe('name of an environment variable read once at startup')
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte address')
  .transform((value) => value.toLowerCase() as `0x${string}`)
const share = z.number().min(0).max(1)
const rate = z.number().gt(0).lt(1)

/** A duration: milliseconds as a number, or a string such as `500ms`, `30s`, `5m`, `1h`. */
export const durationSchema = z
  .union([
    z.number().int().min(0),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h)$/, 'expected a duration such as 500ms, 30s, 5m'),
  ])
  .transform((value) => {
    if (typeof value === 'number') return value
    const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value)!
    const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']
    return Math.round(Number(amount) * factor)
  })

const objectivesSchema = z.strictObject({
  ttftP90Ms: z.number().positive().optional().describe('90 % of probes see a first token within this'),
  tpotP90Ms: z.number().positive().optional().describe('90 % of probes see at most this per output token'),
  maxErrorRate: rate.optional().describe('largest share of failed requests promised'),
})

const serviceSchema = z.strictObject({
  referenceModel: z
    .string()
    .min(1)
    .describe("the champion's registered GGUF file (checked against its on-chain sha256)"),
  objectives: objectivesSchema
    .default({})
    .describe("the suppliers' advertised objectives (absent: no QoS test)"),
  threads: z.number().int().min(1).max(256).default(1).describe('CPU threads of the reference model'),
})

const profileSchema = z.strictObject({
  greedyShare: share.default(defaultTrafficProfile.greedyShare),
  temperatures: z.array(z.number().gt(0).max(2)).default([...defaultTrafficProfile.temperatures]),
  maxTokens: z
    .array(z.number().int().min(1))
    .min(1)
    .default([...defaultTrafficProfile.maxTokens]),
  streamShare: share.default(defaultTrafficProfile.streamShare),
  logprobsShare: share.default(defaultTrafficProfile.logprobsShare),
  topLogprobs: z.number().int().min(0).max(20).default(defaultTrafficProfile.topLogprobs),
  systemPromptShare: share.default(defaultTrafficProfile.systemPromptShare),
  multiTurnShare: share.default(defaultTrafficProfile.multiTurnShare),
  penaltyShare: share.default(defaultTrafficProfile.penaltyShare),
  frequencyPenalty: z.number().min(-2).max(2).default(defaultTrafficProfile.frequencyPenalty),
  presencePenalty: z.number().min(-2).max(2).default(defaultTrafficProfile.presencePenalty),
  maxCompletionTokensShare: share.default(defaultTrafficProfile.maxCompletionTokensShare),
})

const { identity, metering } = defaultCalibration
const calibrationSchema = z.strictObject({
  marginNats: z.number().positive().default(identity.tolerances.marginNats).describe('τ'),
  logprobNats: z.number().positive().default(identity.tolerances.logprobNats).describe('δ'),
  tokenViolationRate: rate.default(identity.nullRates.tokenViolationRate),
  logprobDeviationRate: rate.default(identity.nullRates.logprobDeviationRate),
  meteringExcessRate: rate.default(metering.excessRate),
  promptTokenTolerance: z.number().int().min(0).default(metering.tolerances.promptTokens),
  completionTokenTolerance: z.number().int().min(0).default(metering.tolerances.completionTokens),
})

const probesSchema = z.strictObject({
  meanInterval: durationSchema.default(30_000).describe('mean time between two probes of one supplier'),
  timeout: durationSchema.default(120_000),
  maxConcurrent: z.number().int().min(1).max(64).default(1),
  targetRefresh: durationSchema
    .default(60_000)
    .describe('how often the suppliers of the current sessions are re-read'),
  extraPromptsFile: z
    .string()
    .min(1)
    .optional()
    .describe('private prompts, one per line, added to the corpus'),
  profile: profileSchema.prefault({}).describe('the request mix probes imitate until real traffic is seen'),
  maxPromptUses: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('probes of one supplier a prompt is used in per round; a used-up pool starts a new round'),
})

// A standalone watcher's relays must carry the bounds and acknowledgement ask of the gateway whose
// identity it uses, so these mirror that gateway's `routing` section (same defaults).
const relaySettingsShape = {
  maxInputTokens: z.number().int().min(1).max(0xffff_ffff).default(8_192).describe('routing.maxInputTokens'),
  maxOutputTokens: z
    .number()
    .int()
    .min(1)
    .max(0xffff_ffff)
    .default(4_096)
    .describe('routing.maxOutputTokens'),
  defaultMaxOutputTokens: z
    .number()
    .int()
    .min(1)
    .default(512)
    .describe('routing.defaultMaxOutputTokens: the signed bound when a probe names no max_tokens'),
  acknowledgeTimeout: durationSchema
    .default(5_000)
    .describe('routing.acknowledgeTimeout: non-streaming probes ask for a 102 Processing; 0 = off'),
}

// What a watcher judges and how it probes: the same whether it runs alone or inside a gateway.
const auditShape = {
  services: z
    .record(z.string().min(1).max(64), serviceSchema)
    .refine((services) => Object.keys(services).length > 0, {
      message: 'name at least one service to audit',
    }),
  audit: z
    .strictObject({
      alpha: rate.default(0.01).describe('chance that an honest supplier is ever failed'),
      minProbesForPass: z.number().int().min(1).default(20),
    })
    .prefault({}),
  calibration: calibrationSchema
    .prefault({})
    .describe('tolerances and honest rates (docs/watcher.md, "Calibration")'),
  commitReportsOnChain: z
    .boolean()
    .default(false)
    .describe(
      "commit the hash of each report that changes a verdict to the ledger's WatcherReports contract (the signer pays gas)",
    ),
}

/** The watcher's config file. */
export const watcherConfigSchema = z.strictObject({
  signer: z
    .strictObject({
      privateKeyEnv: envName
        .optional()
        .describe(
          "variable holding the key that signs relays and reports: the gateway's (or application's) own key, so probes travel under the identity whose traffic they imitate",
        ),
      keystoreFile: z
        .string()
        .min(1)
        .optional()
        .describe('or: that key as a version-3 JSON keystore (`decai keys create`), relative to this file'),
      passwordEnv: envName.optional().describe('with keystoreFile: variable holding the keystore password'),
      application: address.describe(
        'the application the relays are for (it staked, and delegated to the signer if that is a gateway)',
      ),
    })
    .superRefine((signer, context) => {
      if ((signer.privateKeyEnv === undefined) === (signer.keystoreFile === undefined))
        context.addIssue({
          code: 'custom',
          message: 'give either privateKeyEnv or keystoreFile (with passwordEnv)',
        })
      if ((signer.keystoreFile === undefined) !== (signer.passwordEnv === undefined))
        context.addIssue({
          code: 'custom',
          path: ['passwordEnv'],
          message: 'keystoreFile and passwordEnv go together',
        })
    }),
  chain: z.strictObject({
    rpcUrl: z.url(),
    manifestFile: z.string().min(1).describe('deployment manifest written by `decai deploy`'),
  }),
  ...auditShape,
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(8_090),
    })
    .prefault({}),
  probes: probesSchema.extend(relaySettingsShape).prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
})

/**
 * The `watcher:` section of a gateway's config: a watcher inside the gateway process. It signs with the
 * gateway's keys, reads the gateway's sessions, sends probes through the gateway's router and serves
 * its reports on the gateway's port, so it has no signer, chain or server of its own.
 */
export const embeddedWatcherConfigSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false keeps the section but runs no watcher'),
  ...auditShape,
  probes: probesSchema.prefault({}),
})

/** The config file as written. */
export type WatcherFileConfigInput = z.input<typeof watcherConfigSchema>
/** The config file as parsed (defaults applied, durations in ms). */
export type WatcherFileConfig = z.output<typeof watcherConfigSchema>
/** The `watcher:` section of a gateway config as written. */
export type EmbeddedWatcherFileConfigInput = z.input<typeof embeddedWatcherConfigSchema>
/** The `watcher:` section as parsed. */
export type EmbeddedWatcherFileConfig = z.output<typeof embeddedWatcherConfigSchema>
