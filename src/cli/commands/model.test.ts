import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommandInProcess } from '../testing/runCommandInProcess.ts'
import { registerModelCommands } from './model.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-cli-model-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Runs `decai …` in-process and returns what it printed (stdout as one string, stderr line by line).
const decai = (...args: string[]) => runCommandInProcess(registerModelCommands, args)

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
