import { BaseError } from '../../protocol/errors/BaseError.ts'
import { errorHint } from './errorHints.ts'
import { printJsonError } from './printJsonError.ts'

/**
 * Wraps a command action so that a typed error prints what went wrong and what to do (its hints, and for a
 * ledger revert or a bad manifest the command or option that gets past it), with exit code 1, instead of a stack trace. With `--json`,
 * the error is also printed as one JSON object on stdout so that scripts can branch on its `code`. Anything
 * that is not a `BaseError` is a bug and keeps its stack.
 *
 * @param action - the command's action
 * @returns the wrapped action for commander's `.action()`
 * @example
 * command.action(runAction(async (options) => { … }))
 */
export function runAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args)
    } catch (error) {
      if (!(error instanceof BaseError)) throw error
      reportError(error, hasJsonOption(args))
      process.exitCode = 1
    }
  }
}

function reportError(error: BaseError, isJson: boolean): void {
  const hint = errorHint(error)
  const hints = hint === undefined ? error.metaMessages : [...error.metaMessages, hint]
  if (isJson) printJsonError({ code: error.code, message: error.shortMessage, hints })
  console.error(`error ${error.code}: ${error.shortMessage}`)
  for (const line of hints) console.error(`  ${line}`)
  if (error.details) console.error(`  details: ${error.details}`)
}

// Commander passes the options object after the positional arguments (then the command itself).
function hasJsonOption(args: unknown[]): boolean {
  return args.some(
    (arg) => arg !== null && typeof arg === 'object' && (arg as { json?: unknown }).json === true,
  )
}
