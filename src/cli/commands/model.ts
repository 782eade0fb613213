import { open } from 'node:fs/promises'
import { type Command, InvalidArgumentError } from 'commander'
import { ModelLoadError } from '../../inference/errors.ts'
import { generateModel } from '../../inference/gguf/generateModel.ts'
import { type ModelSize, modelShapes } from '../../inference/gguf/modelShapes.ts'
import type { ModelDtype } from '../../inference/gguf/tensorPlan.ts'
import { hashModelFile } from '../../inference/hashModelFile.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { printJson } from '../context/output.ts'
import { parseNonNegativeInteger } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addPublishServiceOptions, type PublishServiceOptions, publishService } from './publishService.ts'

const dtypes: ModelDtype[] = ['f32', 'f16', 'q8_0', 'q4_0']

/** `decai model …`: generate, hash, inspect and publish model artifacts. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('Model artifacts: generate, hash, inspect, publish')
  model
    .command('generate')
    .description('Write a deterministic random-weight llama GGUF (same seed → same bytes)')
    .requiredOption('--seed <n>', 'model seed, a non-negative integer', parseNonNegativeInteger)
    .requiredOption('--out <file>', 'where to write the .gguf')
    .option('--size <size>', `one of ${Object.keys(modelShapes).join(', ')}`, 'tiny')
    .option('--dtype <dtype>', `one of ${dtypes.join(', ')}`, 'f16')
    .option(
      '--eos-bias <n>',
      'EOS logit bias in [−30, 30]; −30 never ends, 2 ends chat answers',
      parseInteger,
    )
    .option('--json', 'print one JSON object')
    .action(runAction(generateAction))
  model
    .command('hash <file>')
    .description('Print the sha256 of a model file (the commitment a service registers)')
    .option('--json', 'print one JSON object')
    .action(runAction(hashAction))
  model
    .command('info <file>')
    .description("Summarise a GGUF file's header: architecture, parameters, generator keys")
    .option('--json', 'print one JSON object')
    .action(runAction(infoAction))
  addPublishServiceOptions(model.command('publish <file>'))
    .description(
      "A champion's act: hash the model file and publish it as a service owned by the signer, with its pricing",
    )
    .addHelpText(
      'after',
      '\nExample: decai model publish my-model.gguf --id my-model --key champion --uri https://… --license apache-2.0',
    )
    .action(runAction(publishAction))
}

type GenerateOptions = {
  seed: number
  out: string
  size: string
  dtype: string
  eosBias?: number
  json?: boolean
}

async function generateAction(options: GenerateOptions): Promise<void> {
  const startedMs = performance.now()
  const result = await generateModel({
    seed: options.seed,
    size: options.size as ModelSize,
    dtype: options.dtype as ModelDtype,
    outPath: options.out,
    eosBias: options.eosBias,
  })
  const elapsedMs = Math.round(performance.now() - startedMs)
  const report = { ...result, seed: options.seed, size: options.size, dtype: options.dtype, elapsedMs }
  if (options.json) return printJson(report)
  console.log(
    `wrote ${result.path} (${result.byteLength} bytes, ${result.parameterCount} parameters, ${elapsedMs} ms)`,
  )
  console.log(`sha256 ${result.sha256}`)
}

async function hashAction(file: string, options: { json?: boolean }): Promise<void> {
  const sha256 = await hashModelFile(file)
  if (options.json) return printJson({ path: file, sha256 })
  console.log(`${sha256}  ${file}`)
}

async function infoAction(file: string, options: { json?: boolean }): Promise<void> {
  // Reading a header loads llama.cpp's bindings: only this command pays for them.
  const { readModelInfo } = await import('../../inference/readModelInfo.ts')
  const info = await readModelInfo(file)
  if (options.json) return printJson(info)
  const { generator, ...rest } = info
  for (const [key, value] of Object.entries(rest)) console.log(`${key.padEnd(15)} ${value ?? '-'}`)
  for (const [key, value] of Object.entries(generator)) console.log(`${`decai.${key}`.padEnd(15)} ${value}`)
}

async function publishAction(file: string, options: Omit<PublishServiceOptions, 'modelFile'>) {
  await assertGgufFile(file)
  await publishService({ ...options, modelFile: file }, 'model publish')
}

// A cheap look at the magic before the file is hashed and published: a commitment to the wrong file (a
// config, a truncated download) would bind the service to bytes no supplier can serve.
async function assertGgufFile(file: string): Promise<void> {
  const magic = Buffer.alloc(4)
  try {
    const handle = await open(file)
    await handle.read(magic, 0, 4, 0).finally(() => handle.close())
  } catch (cause) {
    throw new ModelLoadError({ path: file, cause })
  }
  if (magic.toString('latin1') !== 'GGUF')
    throw new CliInvalidArgumentError({
      option: '<file>',
      reason: `${file} is not a GGUF model (it does not start with "GGUF")`,
      hint: 'Publish the .gguf file suppliers serve; for another format use `decai service add --model-file`.',
    })
}

function parseInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('must be an integer')
  return parsed
}
