import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ledgerParamsPresets } from '../../chain/contracts.generated.ts'
import type { LedgerParamsPreset } from '../../chain/index.ts'
import { CliInvalidArgumentError } from './cliErrors.ts'

/** A params file: a base preset and the fields to change (integers as numbers or decimal strings). */
const paramsFileSchema = z.strictObject({
  base: z.enum(Object.keys(ledgerParamsPresets) as [keyof typeof ledgerParamsPresets]).default('devnet'),
  numBlocksPerSession: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
  params: z
    .record(z.string(), z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]))
    .default({}),
})

/** What `--params` may name: a preset or a JSON file. */
export type ParamsSpec = keyof typeof ledgerParamsPresets | string

/**
 * Turns `--params` into the parameter set to deploy with: a preset name (`devnet`, `production`) as is, or a
 * JSON file `{ "base": "devnet", "numBlocksPerSession": 10, "params": { "targetRelaysPerSession": 4 } }`
 * whose fields override the base preset's.
 *
 * @param spec - a preset name or a file path
 * @returns the preset name or the custom parameter set
 * @throws {CliInvalidArgumentError} for an unknown field, a bad value or an unreadable file
 * @example
 * await loadParamsPreset('devnet') // 'devnet'
 */
export async function loadParamsPreset(
  spec: ParamsSpec,
): Promise<keyof typeof ledgerParamsPresets | LedgerParamsPreset> {
  if (spec in ledgerParamsPresets) return spec as keyof typeof ledgerParamsPresets
  let json: unknown
  try {
    json = JSON.parse(await readFile(spec, 'utf8'))
  } catch (cause) {
    throw new CliInvalidArgumentError({
      option: '--params',
      reason: `${spec} is neither a preset (${Object.keys(ledgerParamsPresets).join(', ')}) nor a readable JSON file`,
      hint: cause instanceof Error ? cause.message : undefined,
    })
  }
  return applyOverrides(spec, json)
}

/**
 * Applies overrides to a base preset, converting each value to the base field's type.
 *
 * @returns the custom parameter set
 * @throws {CliInvalidArgumentError} for an unknown field or a bad value
 * @example
 * applyOverrides('inline', { params: { targetRelaysPerSession: 4 } })
 */
export function applyOverrides(source: string, json: unknown): LedgerParamsPreset {
  const parsed = paramsFileSchema.safeParse(json)
  if (!parsed.success)
    throw new CliInvalidArgumentError({
      option: '--params',
      reason: `${source}: ${z.prettifyError(parsed.error)}`,
    })
  const base = ledgerParamsPresets[parsed.data.base]
  const params: Record<string, unknown> = { ...base.params }
  for (const [field, value] of Object.entries(parsed.data.params)) {
    if (!(field in params))
      throw new CliInvalidArgumentError({
        option: '--params',
        reason: `${source}: unknown parameter ${field}`,
        hint: `Parameters: ${Object.keys(params).join(', ')}.`,
      })
    params[field] = typeof params[field] === 'bigint' ? BigInt(value) : Number(value)
  }
  const numBlocks = parsed.data.numBlocksPerSession
  return {
    numBlocksPerSession: numBlocks === undefined ? base.numBlocksPerSession : BigInt(numBlocks),
    params: params as LedgerParamsPreset['params'],
  }
}
