import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { registerModelCommands } from './model.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-cli-model-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Runs `decai …` in-process and returns what it printed (stdout as one string, stderr line by line).
async function decai(...args: string[]): Promise<{ out: string; err: string[]; exitCode: number }> {
  const program = new Command().exitOverride()
  registerModelCommands(program)
  let out = ''
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line) => {
    out += `${line}\n`
  })
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk)
    return true
  })
  const error = vi.spyOn(console, 'error').mockImplementation((line) => void err.push(String(line)))
  process.exitCode = 0
  try {
    await program.parseAsync(['node', 'decai', ...args])
  } finally {
    log.mockRestore()
    write.mockRestore()
    error.mockRestore()
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = 0
  return { out, err, exitCode }
}

describe('decai model', () => {
  it('behavior: generate, hash and info agree on the file (--json)', async () => {
    const out = join(dir, 'tiny.gguf')
    const generated = JSON.parse(
      (await decai('model', 'generate', '--seed', '42', '--out', out, '--json')).out,
    )
    expect(generated).toMatchObject({ path: out, size: 'tiny', dtype: 'f16', parameterCount: 533120 })
    const hashed = JSON.parse((await decai('model', 'hash', out, '--json')).out)
    expect(hashed.sha256).toBe(generated.sha256)
    const info = JSON.parse((await decai('model', 'info', out, '--json')).out)
    expect(info).toMatchObject({
      architecture: 'llama',
      parameterCount: 533120,
      generator: { seed: 42, size: 'tiny' },
    })
  })

  it('error: a typed failure prints its code and sets exit code 1', async () => {
    const result = await decai('model', 'info', join(dir, 'missing.gguf'))
    expect(result.exitCode).toBe(1)
    expect(result.err[0]).toMatch(/^error INFERENCE_INVALID_GGUF: /)
  })

  it('error: publish refuses a file that is not a GGUF model, before it signs anything', async () => {
    const notAModel = join(dir, 'config.json')
    await writeFile(notAModel, '{"not": "a model"}')
    const result = await decai('model', 'publish', notAModel, '--id', 'my-model')
    expect(result.exitCode).toBe(1)
    expect(result.err[0]).toBe(
      `error CLI_INVALID_ARGUMENT: Invalid <file>: ${notAModel} is not a GGUF model (it does not start with "GGUF").`,
    )
  })
})
