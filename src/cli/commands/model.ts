import { type Command, InvalidArgumentError } from 'commander'
import {
  generateModel,
  hashModelFile,
  type ModelDtype,
  type ModelSize,
  modelShapes,
  readModelInfo,
} from '../../inference/index.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'

const dtypes: ModelDtype[] = ['f32', 'f16', 'q8_0', 'q4_0']

/** `decai model …`: generate, hash and inspect model artifacts. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('Model artifacts: generate, hash, inspect')
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
  const info = await readModelInfo(file)
  if (options.json) return printJson(info)
  const { generator, ...rest } = info
  for (const [key, value] of Object.entries(rest)) console.log(`${key.padEnd(15)} ${value ?? '-'}`)
  for (const [key, value] of Object.entries(generator)) console.log(`${`decai.${key}`.padEnd(15)} ${value}`)
}

function printJson(value: unknown): void {
  console.log(JSON.stringify(value))
}

// Typed errors become one line on stderr and exit code 1; anything else is a bug and keeps its stack.
function runAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args)
    } catch (error) {
      if (!(error instanceof BaseError)) throw error
      console.error(`error ${error.code}: ${error.shortMessage}`)
      process.exitCode = 1
    }
  }
}

function parseInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('must be an integer')
  return parsed
}

function parseNonNegativeInteger(value: string): number {
  const parsed = parseInteger(value)
  if (parsed < 0) throw new InvalidArgumentError('must be ≥ 0')
  return parsed
}
