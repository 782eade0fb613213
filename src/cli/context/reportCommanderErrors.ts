import type { Command, CommanderError } from 'commander'
import { printJsonError } from './printJsonError.ts'

// Commander's exits that are not errors: help and the version were asked for.
const isRequestedOutput = (error: CommanderError) =>
  error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'

/**
 * Makes commander's own argument errors (a missing required option, an unknown option, a value its parser
 * refuses) follow `--json` like every other error: one `{ "error": { "code", "message", "hints" } }` line on
 * stdout, with code `CLI_INVALID_ARGUMENT`, besides commander's usual message on stderr. Without `--json`
 * nothing changes. Set it before the commands are added: subcommands copy these settings when created.
 *
 * @param program - the root program
 * @param isJson - whether the command line asks for JSON
 * @returns the same program
 * @example
 * reportCommanderErrors(program, args.includes('--json'))
 */
export function reportCommanderErrors(program: Command, isJson: boolean): Command {
  if (!isJson) return program
  return program.exitOverride((error) => {
    if (!isRequestedOutput(error))
      printJsonError({
        code: 'CLI_INVALID_ARGUMENT',
        message: error.message.replace(/^error: /, ''),
        hints: ['Run the command with --help for its options and arguments.'],
      })
    process.exit(error.exitCode)
  })
}
