/**
 * Relay-mining difficulty simulation (docs/difficulty.md). Prints ONE JSON object: the paper's control law
 * (decai, spec §6) and POKT's production law under the same load — steady, a 10× surge, a 10× drop —
 * with recovery times, sensitivity to α, lag and T, a SHA-256 mining check and the paper's Table 4.
 *
 * Run: node --import tsx scripts/sim-difficulty.ts [--seed 1] [--mining binomial|hash] [--arrivals poisson|fixed]
 * Deterministic: the same seed prints the same figures.
 */
import { parseArgs } from 'node:util'
import { difficultyParamsPresets } from '../src/protocol/difficulty/difficultyParamsPresets.ts'
import { sessionParamsPresets } from '../src/protocol/session/sessionParamsPresets.ts'
import { buildReport, type ReportOptions, updateLagSessions } from './sim-difficulty/report.ts'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    mining: { type: 'string', default: 'binomial' },
    arrivals: { type: 'string', default: 'poisson' },
  },
})
const mining = values.mining === 'hash' ? 'hash' : 'binomial'
const production = difficultyParamsPresets.production

// Hashing every relay is ~1 µs each, so the hash mode runs a 50× lighter load with the same p.
const scale = mining === 'hash' ? 50 : 1
const options: ReportOptions = {
  seed: Number(values.seed),
  mining,
  arrivals: values.arrivals === 'fixed' ? 'fixed' : 'poisson',
  targetRelays: Number(production.targetRelays) / (mining === 'hash' ? 10 : 1),
  alphaDenominator: Number(production.alpha.denominator / production.alpha.numerator),
  baseLoad: 100_000 / scale,
  stepFactor: 10,
  phases: { warmup: 40, steady: 200, surge: 150, drop: 150 },
  lagSessions: updateLagSessions(sessionParamsPresets.production),
  band: 0.1,
  hold: 5,
  withSensitivity: mining === 'binomial',
  withHashCheck: mining === 'binomial',
}

const report = {
  ...buildReport(options),
  command: `node --import tsx scripts/sim-difficulty.ts --seed ${options.seed} --mining ${mining} --arrivals ${options.arrivals}`,
  node: process.version,
}
// Keep number arrays on one line so the trajectory stays readable.
const text = JSON.stringify(report, null, 2).replace(
  /\[\s+([-\d.e+,\s]+?)\s+\]/g,
  (_, body: string) => `[${body.split(/,\s+/).join(', ')}]`,
)
process.stdout.write(`${text}\n`)
