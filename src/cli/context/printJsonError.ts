// Kept apart from output.ts, which loads viem: every command loads this, including the cheap ones.

/**
 * Prints an error as one JSON line on stdout, the shape every `--json` error takes, so that scripts can
 * branch on its `code`.
 *
 * @param error - the stable code, the message and what to do
 * @example
 * printJsonError({ code: 'CLI_INVALID_ARGUMENT', message: 'Invalid --amount: …', hints: [] })
 */
export function printJsonError(error: { code: string; message: string; hints: readonly string[] }): void {
  process.stdout.write(`${JSON.stringify({ error })}\n`)
}
