import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createProgram } from '../createProgram.ts'
import { defaultBenchDir, listBenchGroups } from './bench.ts'

const decaiBin = fileURLToPath(new URL('../../../bin/decai.js', import.meta.url))
let benchDir: string

// A package with a benchmarks folder: the real runner and two groups, one that reports, one that fails.
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'decai-cli-bench-'))
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n')
  benchDir = join(root, 'bench')
  await mkdir(benchDir)
  await copyFile(join(defaultBenchDir, 'run.ts'), join(benchDir, 'run.ts'))
  await writeFile(
    join(benchDir, 'tiny.ts'),
    'export async function run() { return { iterations: 3, opsPerSec: 42 } }\n',
  )
  await writeFile(join(benchDir, 'broken.ts'), "export async function run() { throw new Error('boom') }\n")
})

afterAll(async () => {
  await rm(join(benchDir, '..'), { recursive: true, force: true })
})

function decai(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [decaiBin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('decai bench', () => {
  it('default: the groups are the benchmark files beside the runner', () => {
    const groups = listBenchGroups(defaultBenchDir)
    expect(groups).toEqual(expect.arrayContaining(['gateway', 'ledger', 'protocol', 'relayminer']))
    expect(groups).not.toContain('run')
  })

  it('behavior: runs the group through bench/run.ts and passes its JSON report through', async () => {
    const result = await decai(['bench', 'tiny', '--bench-dir', benchDir])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: 'tiny',
      node: process.version,
      iterations: 3,
      opsPerSec: 42,
    })
  })

  it('error: a failing group fails the command', async () => {
    const result = await decai(['bench', 'broken', '--bench-dir', benchDir])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('boom')
  })

  it('error: an unknown group names the groups there are, with exit code 1', async () => {
    const program = (await createProgram(['bench'])).exitOverride()
    const lines: string[] = []
    const error = vi.spyOn(console, 'error').mockImplementation((line) => void lines.push(String(line)))
    try {
      await program.parseAsync(['node', 'decai', 'bench', 'no-such-group', '--bench-dir', benchDir])
    } finally {
      error.mockRestore()
    }
    expect(process.exitCode).toBe(1)
    process.exitCode = 0
    expect(lines).toEqual([
      'error CLI_INVALID_ARGUMENT: Invalid group: no benchmark group "no-such-group".',
      '  Groups: broken, tiny.',
    ])
  })
})
