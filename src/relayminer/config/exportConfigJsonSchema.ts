import { z } from 'zod'
import { relayMinerConfigSchema } from './configSchema.ts'

/**
 * The JSON Schema (draft 2020-12) of the config file as the operator writes it, for editors and CI
 * linters (e.g. a `# yaml-language-server: $schema=…` line).
 *
 * @returns the schema object
 * @example
 * writeFileSync('relayminer.schema.json', JSON.stringify(exportConfigJsonSchema(), null, 2))
 */
export function exportConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(relayMinerConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'decai relayminer config',
  }
}
