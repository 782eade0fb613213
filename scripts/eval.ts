/**
 * `npm run eval -- <name> [options]`: runs scripts/eval-<name>.ts, which prints a table and one JSON object.
 * Evaluations are long-running measurements (minutes), kept out of CI; each has a small version in the tests.
 */
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const name = process.argv[2]
const file = name ? fileURLToPath(new URL(`./eval-${name}.ts`, import.meta.url)) : ''
if (!name || !existsSync(file)) {
  const names = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((entry) => entry.startsWith('eval-') && entry.endsWith('.ts'))
    .map((entry) => entry.slice('eval-'.length, -3))
  process.stderr.write(`usage: npm run eval -- <name> [options]   (evaluations: ${names.join(', ')})\n`)
  process.exit(2)
}
const module = (await import(file)) as { run: (args: string[]) => Promise<void> }
await module.run(process.argv.slice(3))
