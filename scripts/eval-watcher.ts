/**
 * `npm run eval -- watcher [--quick] [--json]`: the watcher's false-positive rate on an honest panel and
 * its power against cheating suppliers, per number of probes (docs/watcher.md, "Evaluation").
 * Prints a table, then one JSON object (only the JSON with --json). Progress goes to stderr.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type EvaluationOptions,
  type EvaluationResult,
  evaluateWatcher,
} from '../src/watcher/testing/evaluation/evaluateWatcher.ts'

const checkpoints = [1, 2, 3, 4, 5, 10, 15, 20, 30, 40]

/** The honest panel: the claimed F16 model under other threads, parallel sequences and context sizes. */
const fullPanel: EvaluationOptions['honestPanel'] = [
  {
    name: 'honest: 1 thread, 1 sequence, ctx 2048',
    threads: 1,
    parallelSequences: 1,
    contextSize: 2048,
    concurrency: 1,
  },
  {
    name: 'honest: 4 sequences under load',
    threads: 1,
    parallelSequences: 4,
    contextSize: 2048,
    concurrency: 4,
  },
  {
    name: 'honest: 8 sequences under load, ctx 1024',
    threads: 1,
    parallelSequences: 8,
    contextSize: 1024,
    concurrency: 8,
  },
  {
    name: 'honest: 2 sequences, ctx 512',
    threads: 1,
    parallelSequences: 2,
    contextSize: 512,
    concurrency: 2,
  },
  {
    name: 'honest: 2 threads',
    threads: 2,
    parallelSequences: 1,
    contextSize: 2048,
    concurrency: 1,
    promptLimit: 30,
  },
]

/** The full evaluation: claimed model `small` (5 M parameters) F16, 48-token greedy answers. */
export function fullOptions(directory: string, log: (line: string) => void): EvaluationOptions {
  return {
    claimedSize: 'small',
    smallerSize: 'tiny',
    seed: 42,
    maxTokens: 48,
    prompts: { calibration: 40, test: 80, private: 40 },
    honestPanel: fullPanel,
    honestRunsPerConfig: 100,
    honestMaxProbes: 60,
    cheatRuns: 200,
    cheatMaxProbes: 40,
    checkpoints,
    logprobsShare: 0.1,
    alpha: 0.01,
    directory,
    log,
  }
}

/** The small version (tiny models, a few prompts) that the tests run. */
export function quickOptions(directory: string, log: (line: string) => void): EvaluationOptions {
  return {
    ...fullOptions(directory, log),
    claimedSize: 'tiny',
    smallerSize: null,
    maxTokens: 32,
    prompts: { calibration: 6, test: 10, private: 4 },
    honestPanel: [
      { name: 'honest: 1 sequence', threads: 1, parallelSequences: 1, contextSize: 2048, concurrency: 1 },
      {
        name: 'honest: 4 sequences under load',
        threads: 1,
        parallelSequences: 4,
        contextSize: 1024,
        concurrency: 4,
      },
    ],
    honestRunsPerConfig: 150,
    cheatRuns: 100,
  }
}

/**
 * Runs the evaluation and prints it.
 *
 * @param args - `--quick` for the small version, `--json` for the JSON only.
 * @returns once printed.
 * @example
 * await run(['--quick'])
 */
export async function run(args: string[]): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'decai-eval-watcher-'))
  const log = (line: string) => process.stderr.write(`[eval watcher] ${line}\n`)
  try {
    const options = args.includes('--quick') ? quickOptions(directory, log) : fullOptions(directory, log)
    const result = await evaluateWatcher(options)
    const report = { name: 'watcher', commit: currentCommit(), node: process.version, ...result }
    if (!args.includes('--json')) process.stdout.write(`${formatTable(result)}\n\n`)
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

/**
 * The result as a plain-text table: false positives, then power per probe count for each cheat.
 *
 * @param result - the evaluation result.
 * @returns the table.
 * @example
 * console.log(formatTable(result))
 */
export function formatTable(result: EvaluationResult): string {
  const { honest, calibration } = result
  const lines = [
    `tolerances: τ = δ = ${calibration.identity.tolerances.marginNats} nats; honest rates ${JSON.stringify(calibration.identity.nullRates)}`,
    `honest: ${honest.failed} of ${honest.runs} audits failed (FPR ${pct(honest.falsePositiveRate)}, 95 % upper bound ${pct(honest.falsePositiveRateUpper95)}); ${honest.probesWithViolations} of ${honest.testProbes} honest test probes had any violation`,
    '',
  ]
  const header = [
    'scenario'.padEnd(42),
    ...checkpoints.map((n) => `n=${n}`.padStart(6)),
    '  to 95%',
    '  identity only',
    '  failed by',
  ]
  lines.push(header.join(''))
  for (const scenario of [...honest.perConfig, ...result.cheats]) {
    const cells = checkpoints.map((n) => {
      const point = scenario.power.find((p) => p.probes === n)
      return (point ? pct(point.power) : '').padStart(6)
    })
    const by = Object.entries(scenario.failedBy)
      .map(([check, count]) => `${check} ${count}`)
      .join(', ')
    lines.push(
      [
        scenario.name.slice(0, 41).padEnd(42),
        ...cells,
        `${scenario.probesTo95 ?? '-'}`.padStart(8),
        `${scenario.identityOnlyProbesTo95 ?? '-'}`.padStart(15),
        `  ${by}`,
      ].join(''),
    )
  }
  return lines.join('\n')
}

function pct(value: number): string {
  return `${(100 * value).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`
}

function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}
