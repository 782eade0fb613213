/**
 * `decai explorer`'s options, parsed by commander as the command line does, with the action replaced so
 * that nothing starts.
 */
import { Command, CommanderError } from 'commander'
import { describe, expect, it } from 'vitest'
import { registerExplorerCommand } from '../../src/cli/commands/explorer.ts'

async function parse(args: string[]): Promise<Record<string, unknown>> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} })
  registerExplorerCommand(program)
  let parsed: Record<string, unknown> = {}
  program.commands
    .find((c) => c.name() === 'explorer')!
    .action((options: Record<string, unknown>) => {
      parsed = options
    })
  await program.parseAsync(['explorer', ...args], { from: 'user' })
  return parsed
}

describe('decai explorer options', () => {
  it('default: 2 000 blocks per log request and no confirmations', async () => {
    expect(await parse([])).toMatchObject({ maxBlockRange: 2_000n, confirmations: 0n, port: 8088 })
  })

  it.each([
    ['valid: a capped RPC range', ['--max-block-range', '500'], { maxBlockRange: 500n }],
    ['valid: one block per request', ['--max-block-range', '1'], { maxBlockRange: 1n }],
    ['valid: confirmations on a public chain', ['--confirmations', '12'], { confirmations: 12n }],
  ])('%s', async (_name, args, expected) => {
    expect(await parse(args)).toMatchObject(expected)
  })

  it.each([
    ['invalid: a zero range', ['--max-block-range', '0']],
    ['invalid: a range beyond any RPC', ['--max-block-range', '100001']],
    ['invalid: a range that is not a number', ['--max-block-range', 'lots']],
    ['invalid: negative confirmations', ['--confirmations', '-1']],
    ['invalid: fractional confirmations', ['--confirmations', '1.5']],
  ])('%s', async (_name, args) => {
    const error = await parse(args).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CommanderError)
    expect(error).toMatchObject({ code: 'commander.invalidArgument' })
  })
})
