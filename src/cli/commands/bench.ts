import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { findPackageRoot } from '../../explorer/findPackageRoot.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { runAction } from '../context/runAction.ts'

/** Where the benchmarks live: `bench/` at the package root, each group a `<group>.ts` run by `run.ts`. */
export const defaultBenchDir = join(findPackageRoot(), 'bench')

/**
 * `decai bench <group>`: what `npm run bench -- <group>` runs (bench/run.ts), its JSON report on stdout.
 *
 * @param program - the `decai` program
 * @example
 * registerBenchCommand(program)
 */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench <group>')
    .description('Run a benchmark group and print its figures as one JSON object (as npm run bench does)')
    .option(
      '--bench-dir <dir>',
      'the benchmarks folder: run.ts and one <group>.ts per group',
      defaultBenchDir,
    )
    .addHelpText(
      'after',
      `\nGroups: ${listBenchGroups(defaultBenchDir).join(', ') || 'none (run from a source checkout)'}`,
    )
    .action(runAction((group: string, options: { benchDir: string }) => runBench(options.benchDir, group)))
}

/**
 * The benchmark groups in a folder: every `<group>.ts` but the runner.
 *
 * @returns group names, sorted; none when the folder is missing (an installed package ships no benchmarks)
 * @example
 * listBenchGroups(defaultBenchDir) // ['gateway', 'inference', 'ledger', 'protocol', 'relayminer']
 */
export function listBenchGroups(benchDir: string): string[] {
  if (!existsSync(benchDir)) return []
  return readdirSync(benchDir)
    .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
    .map((name) => name.slice(0, -3))
    .sort()
}

async function runBench(dir: string, group: string): Promise<void> {
  // Absolute: the runner runs from the folder's parent.
  const benchDir = resolve(dir)
  const groups = listBenchGroups(benchDir)
  if (!groups.includes(group))
    throw new CliInvalidArgumentError({
      option: 'group',
      reason: groups.length ? `no benchmark group ${JSON.stringify(group)}` : `no benchmarks in ${benchDir}`,
      hint: groups.length
        ? `Groups: ${groups.join(', ')}.`
        : 'Benchmarks ship with the sources: run them from a clone of the repository.',
    })
  // The runner is a script of its own (it reads its group from argv and exits), run from the package root as
  // `npm run bench` runs it; stdout passes through. tsx is resolved here: the working directory may lack it.
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(benchDir, 'run.ts'), group],
    {
      cwd: dirname(benchDir),
      stdio: 'inherit',
    },
  )
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
  if (code !== 0) process.exitCode = code
}
