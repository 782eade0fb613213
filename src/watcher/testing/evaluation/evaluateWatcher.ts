/**
 * Evaluation support: the whole watcher evaluation (docs/watcher.md, "Evaluation"). Honest panel: the
 * claimed model served with different threads, parallel sequences (batch sizes, under concurrent load)
 * and context sizes. Cheats: another seed, a smaller model, Q8_0 and Q4_0 of the claimed weights, 10 %
 * substitution by the smaller model, a probe-aware router, inflated usage (×1.1, and +1 or +2 completion
 * tokens per answer). Probes are generated and scored once; the audits are then replayed many times over
 * the judged probes.
 */
import type { ChatCompletionRequest, GenerateModelReturnType, ModelSize } from '../../../inference/index.ts'
import { createEmbeddedBackend } from '../../../inference/index.ts'
import type { AuditSettings } from '../../audit/createSupplierAudit.ts'
import { clopperPearsonUpper } from '../../calibration/calibrate.ts'
import type { ReferenceModel } from '../../ports.ts'
import type { ProbeJudgement } from '../../probe/evaluateProbe.ts'
import type { ProbeRecord } from '../collectProbeRecords.ts'
import { createMemoReference } from '../collectProbeRecords.ts'
import { type EvaluationPrompt, evaluationRequest, splitEvaluationPrompts } from '../evaluationPrompts.ts'
import { mulberry32 } from '../mulberry32.ts'
import { calibrateFromRecords, type RecordCalibration } from './calibrateFromRecords.ts'
import { collectSupplierRecords, type ServingConfig } from './collectSupplierRecords.ts'
import { type EvaluationModels, generateEvaluationModels } from './evaluationModels.ts'
import { inflateCompletion, inflateUsage, judgeRecords } from './judgeRecords.ts'
import { createProbeSource, type JudgedSet, runScenario, type ScenarioResult } from './runScenarios.ts'

/** What to run; `quick` settings fit in a test. */
export type EvaluationOptions = {
  claimedSize: ModelSize
  smallerSize: ModelSize | null
  seed: number
  maxTokens: number
  prompts: { calibration: number; test: number; private: number }
  /** Honest configurations; `promptLimit` caps the prompts of a slow one. */
  honestPanel: Array<ServingConfig & { promptLimit?: number }>
  honestRunsPerConfig: number
  honestMaxProbes: number
  cheatRuns: number
  cheatMaxProbes: number
  checkpoints: number[]
  logprobsShare: number
  alpha: number
  directory: string
  log: (line: string) => void
}

/** Everything the evaluation measured. */
export type EvaluationResult = {
  models: Record<string, { file: string; parameters: number; sha256: string }>
  prompts: { calibration: number; test: number; private: number; maxTokens: number }
  calibration: RecordCalibration
  honest: {
    runs: number
    failed: number
    falsePositiveRate: number
    /** One-sided 95 % Clopper–Pearson upper bound of the FPR. */
    falsePositiveRateUpper95: number
    testProbes: number
    probesWithViolations: number
    perConfig: ScenarioResult[]
  }
  cheats: ScenarioResult[]
  elapsedSeconds: number
}

/**
 * Runs the evaluation.
 *
 * @param options - sizes, prompts, panel, runs, α, working directory, progress log.
 * @returns the measurements.
 * @example
 * const result = await evaluateWatcher(fullEvaluationOptions(dir, console.error))
 */
export async function evaluateWatcher(options: EvaluationOptions): Promise<EvaluationResult> {
  const started = performance.now()
  const random = mulberry32(options.seed)
  const models = await generateEvaluationModels(
    { claimedSize: options.claimedSize, smallerSize: options.smallerSize, seed: options.seed },
    options.directory,
  )
  options.log(`models generated in ${seconds(started)} s`)
  const prompts = splitEvaluationPrompts(options.prompts, random)
  const referenceBackend = await createEmbeddedBackend({
    modelPath: models.claimed.path,
    expectedSha256: models.claimed.sha256,
    parallelSequences: 1,
  })
  try {
    const reference = createMemoReference(referenceBackend)
    const collect = createCollector(options, reference)
    const honestRecords = await collectHonest(options, models, prompts, collect)
    const cheatRecords = await collectCheats(models, prompts, collect)
    const calibration = calibrateOnSplit(prompts, honestRecords, reference)
    options.log(`calibration: ${JSON.stringify(calibration.identity)}`)
    const base = options.honestPanel[0]!.name
    const judged = await judgeAll({ reference, calibration, honestRecords, cheatRecords, base })
    const settings: AuditSettings = {
      alpha: options.alpha,
      identity: calibration.identity.nullRates,
      meteringExcessRate: calibration.metering.excessRate,
      objectives: {},
      minProbesForPass: 20,
    }
    const honest = runHonest(options, prompts, judged.honest, settings, random)
    const cheats = runCheats(options, prompts, judged.honest.get(base)!, judged.cheats, settings, random)
    return {
      models: describeModels(models),
      prompts: { ...options.prompts, maxTokens: options.maxTokens },
      calibration,
      honest,
      cheats,
      elapsedSeconds: Number(seconds(started)),
    }
  } finally {
    await referenceBackend.close()
  }
}

function createCollector(options: EvaluationOptions, reference: ReferenceModel): Collect {
  const serviceId = `${options.claimedSize}-chat`
  return async (model, config, subset) => {
    const at = performance.now()
    const requests = new Map(
      subset.map((prompt): [number, ChatCompletionRequest] => [
        prompt.id,
        evaluationRequest(prompt, serviceId, options.maxTokens),
      ]),
    )
    const records = await collectSupplierRecords({ model, config, requests, reference, serviceId })
    options.log(`${config.name}: ${records.size} probes in ${seconds(at)} s`)
    return records
  }
}

// Tolerances and honest rates come from the calibration prompts only, never from the test prompts.
function calibrateOnSplit(
  prompts: EvaluationPrompt[],
  honestRecords: Map<string, Map<number, ProbeRecord>>,
  reference: ReferenceModel,
): RecordCalibration {
  const calibrationIds = new Set(prompts.filter((p) => p.split === 'calibration').map((p) => p.id))
  return calibrateFromRecords(
    [...honestRecords.values()].flatMap((records) =>
      [...records].filter(([id]) => calibrationIds.has(id)).map(([, record]) => record),
    ),
    reference,
  )
}

async function judgeAll(parameters: {
  reference: ReferenceModel
  calibration: RecordCalibration
  honestRecords: Map<string, Map<number, ProbeRecord>>
  cheatRecords: Map<string, Map<number, ProbeRecord>>
  base: string
}): Promise<{ honest: Map<string, JudgedSet>; cheats: Map<string, JudgedSet> }> {
  const { calibration, reference } = parameters
  const judgement: ProbeJudgement = {
    identity: calibration.identity.tolerances,
    metering: calibration.metering.tolerances,
    objectives: {},
  }
  const judge = (records: ReadonlyMap<number, ProbeRecord>, rewrite?: Rewrite) =>
    judgeRecords({ records, reference, judgement, ...(rewrite ? { rewrite } : {}) })
  const honest = new Map<string, JudgedSet>()
  for (const [name, records] of parameters.honestRecords) honest.set(name, await judge(records))
  const cheats = new Map<string, JudgedSet>()
  for (const [name, records] of parameters.cheatRecords) cheats.set(name, await judge(records))
  const base = parameters.honestRecords.get(parameters.base)!
  cheats.set('inflated usage (×1.1)', await judge(base, inflateUsage(1.1)))
  for (const tokens of [1, 2])
    cheats.set(`inflated completion (+${tokens})`, await judge(base, inflateCompletion(tokens)))
  return { honest, cheats }
}

type Rewrite = NonNullable<Parameters<typeof judgeRecords>[0]['rewrite']>

type Collect = (
  model: GenerateModelReturnType,
  config: ServingConfig,
  subset: EvaluationPrompt[],
) => Promise<Map<number, ProbeRecord>>

async function collectHonest(
  options: EvaluationOptions,
  models: EvaluationModels,
  prompts: EvaluationPrompt[],
  collect: Collect,
): Promise<Map<string, Map<number, ProbeRecord>>> {
  const honest = new Map<string, Map<number, ProbeRecord>>()
  for (const config of options.honestPanel) {
    const subset = config.promptLimit === undefined ? prompts : limitPrompts(prompts, config.promptLimit)
    honest.set(config.name, await collect(models.claimed, config, subset))
  }
  return honest
}

async function collectCheats(
  models: EvaluationModels,
  prompts: EvaluationPrompt[],
  collect: Collect,
): Promise<Map<string, Map<number, ProbeRecord>>> {
  const test = prompts.filter((prompt) => prompt.split === 'test')
  const plain: ServingConfig = {
    name: '',
    threads: 1,
    parallelSequences: 1,
    contextSize: 2048,
    concurrency: 1,
  }
  const cheats = new Map<string, Map<number, ProbeRecord>>()
  const roles: Array<[string, GenerateModelReturnType | null]> = [
    ['other seed', models.otherSeed],
    ['smaller model', models.smaller],
    ['q8_0', models.q8],
    ['q4_0', models.q4],
  ]
  for (const [name, model] of roles)
    if (model) cheats.set(name, await collect(model, { ...plain, name }, test))
  return cheats
}

// The slow configurations audit a prefix of the calibration and test prompts of each kind.
function limitPrompts(prompts: EvaluationPrompt[], limit: number): EvaluationPrompt[] {
  const calibration = prompts.filter((p) => p.split === 'calibration').slice(0, Math.ceil(limit / 3))
  const test = prompts.filter((p) => p.split === 'test').slice(0, limit - calibration.length)
  return [...calibration, ...test]
}

function runHonest(
  options: EvaluationOptions,
  prompts: EvaluationPrompt[],
  judged: Map<string, JudgedSet>,
  settings: AuditSettings,
  random: () => number,
): EvaluationResult['honest'] {
  const testIds = new Set(prompts.filter((prompt) => prompt.split === 'test').map((prompt) => prompt.id))
  const perConfig = [...judged].map(([name, set]) => {
    const promptIds = [...set.keys()].filter((id) => testIds.has(id))
    const source = createProbeSource({ promptIds, pick: () => set, logprobsShare: options.logprobsShare })
    return runScenario({
      name,
      settings,
      source,
      runs: options.honestRunsPerConfig,
      maxProbes: options.honestMaxProbes,
      checkpoints: options.checkpoints,
      random,
    })
  })
  const testProbes = [...judged.values()].flatMap((set) =>
    [...set].filter(([id]) => testIds.has(id)).map(([, j]) => j),
  )
  const runs = perConfig.reduce((sum, result) => sum + result.runs, 0)
  const failed = perConfig.reduce((sum, result) => sum + result.failed, 0)
  return {
    runs,
    failed,
    falsePositiveRate: failed / runs,
    falsePositiveRateUpper95: clopperPearsonUpper(failed, runs, 0.95),
    testProbes: testProbes.length,
    probesWithViolations: testProbes.filter(
      (j) =>
        (j.withLogprobs.identity?.violations ?? 0) > 0 ||
        (j.withLogprobs.identity?.logprobDeviations ?? 0) > 0,
    ).length,
    perConfig,
  }
}

function runCheats(
  options: EvaluationOptions,
  prompts: EvaluationPrompt[],
  honestBase: JudgedSet,
  cheats: Map<string, JudgedSet>,
  settings: AuditSettings,
  random: () => number,
): ScenarioResult[] {
  const test = prompts.filter((prompt) => prompt.split === 'test')
  const allIds = test.map((prompt) => prompt.id)
  const publicIds = test.filter((prompt) => prompt.isPublic).map((prompt) => prompt.id)
  const isPublic = new Set(publicIds)
  const cheap = cheats.get('smaller model') ?? cheats.get('other seed')!
  const cheapName = cheats.has('smaller model') ? 'smaller model' : 'other seed'
  const sources: Array<[string, (id: number, random: () => number) => JudgedSet, readonly number[]]> = [
    ...[...cheats].map(([name, set]): [string, () => JudgedSet, number[]] => [name, () => set, allIds]),
    [`10 % substitution (${cheapName})`, (_id, draw) => (draw() < 0.1 ? cheap : honestBase), allIds],
    // The router serves the claimed model to prompts it recognises from the shipped corpus.
    ['router, probes with private prompts', (id) => (isPublic.has(id) ? honestBase : cheap), allIds],
    ['router, shipped prompts only', (id) => (isPublic.has(id) ? honestBase : cheap), publicIds],
  ]
  return sources.map(([name, pick, promptIds]) =>
    runScenario({
      name,
      settings,
      source: createProbeSource({ promptIds, pick, logprobsShare: options.logprobsShare }),
      runs: options.cheatRuns,
      maxProbes: options.cheatMaxProbes,
      checkpoints: options.checkpoints,
      random,
    }),
  )
}

function describeModels(models: EvaluationModels) {
  const entries = Object.entries(models).filter(
    (entry): entry is [string, GenerateModelReturnType] => entry[1] !== null,
  )
  return Object.fromEntries(
    entries.map(([role, model]) => [
      role,
      { file: model.path.split(/[\\/]/).at(-1)!, parameters: model.parameterCount, sha256: model.sha256 },
    ]),
  )
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}
