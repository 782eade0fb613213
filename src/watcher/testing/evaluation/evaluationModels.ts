/**
 * Evaluation support: the generated models of the watcher evaluation. One seed and size is the
 * registered (claimed) F16 model; the cheats are another seed, a smaller size, and Q8_0 / Q4_0
 * quantisations of the very same weights (the generator makes them exact quantisations).
 */
import { join } from 'node:path'
import { type GenerateModelReturnType, generateModel, type ModelSize } from '../../../inference/index.ts'

/** Which models to generate. */
export type EvaluationModelPlan = {
  claimedSize: ModelSize
  /** A smaller size for the "smaller model" cheat, or null when the claimed size is the smallest. */
  smallerSize: ModelSize | null
  seed: number
}

/** The generated files, by role. */
export type EvaluationModels = {
  claimed: GenerateModelReturnType
  q8: GenerateModelReturnType
  q4: GenerateModelReturnType
  otherSeed: GenerateModelReturnType
  smaller: GenerateModelReturnType | null
}

/**
 * Generates (or regenerates, deterministically) the evaluation's models into `directory`.
 *
 * @param plan - sizes and seed.
 * @param directory - where to write them.
 * @returns paths and hashes by role.
 * @example
 * const models = await generateEvaluationModels({ claimedSize: 'small', smallerSize: 'tiny', seed: 42 }, dir)
 */
export async function generateEvaluationModels(
  plan: EvaluationModelPlan,
  directory: string,
): Promise<EvaluationModels> {
  const make = (seed: number, size: ModelSize, dtype: 'f16' | 'q8_0' | 'q4_0') =>
    generateModel({ seed, size, dtype, outPath: join(directory, `${size}-${seed}-${dtype}.gguf`) })
  return {
    claimed: await make(plan.seed, plan.claimedSize, 'f16'),
    q8: await make(plan.seed, plan.claimedSize, 'q8_0'),
    q4: await make(plan.seed, plan.claimedSize, 'q4_0'),
    otherSeed: await make(plan.seed + 1, plan.claimedSize, 'f16'),
    smaller: plan.smallerSize ? await make(plan.seed, plan.smallerSize, 'f16') : null,
  }
}
