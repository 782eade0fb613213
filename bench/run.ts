/**
 * `npm run bench -- <group>`: runs bench/<group>.ts and prints one JSON object.
 * Benchmarks make no assertions; compare figures side by side within one run (the machines are noisy).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const group = process.argv[2]
const file = group ? fileURLToPath(new URL(`./${group}.ts`, import.meta.url)) : ''
if (!group || !existsSync(file)) {
  const groups = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
    .map((name) => name.slice(0, -3))
  process.stderr.write(`usage: npm run bench -- <group>   (groups: ${groups.join(', ')})\n`)
  process.exit(2)
}

function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

const module = (await import(file)) as { run: () => Promise<Record<string, unknown>> }
const startedAt = new Date().toISOString()
const figures = await module.run()
const report = {
  name: group,
  startedAt,
  node: process.version,
  commit: currentCommit(),
  rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  ...figures,
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
