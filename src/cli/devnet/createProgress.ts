/** Shows what the devnet is doing while it sets up: one line per step, with its duration. */
export type Progress = {
  /** Runs one step, printing its label before and its outcome after. */
  step<T>(label: string, run: () => Promise<T>, describe?: (result: T) => string | undefined): Promise<T>
  /** Prints a note under the current step. */
  note(text: string): void
}

/**
 * Creates the progress printer. It writes to stderr so that `--json` output on stdout stays one clean
 * document; colours only on a terminal.
 *
 * @param parameters - the stream (default stderr) and whether to stay quiet
 * @returns the printer
 * @example
 * const progress = createProgress()
 * await progress.step('start the chain', () => startLocalChain(…))
 */
export function createProgress(
  parameters: { stream?: NodeJS.WritableStream & { isTTY?: boolean }; isQuiet?: boolean } = {},
): Progress {
  const stream = parameters.stream ?? process.stderr
  const isColour = stream.isTTY === true && !process.env.NO_COLOR
  const paint = (code: string, text: string) => (isColour ? `\u001b[${code}m${text}\u001b[0m` : text)
  const write = (line: string) => {
    if (!parameters.isQuiet) stream.write(`${line}\n`)
  }
  return {
    async step(label, run, describe) {
      write(`${paint('2', '…')} ${label}`)
      const startedMs = performance.now()
      try {
        const result = await run()
        const seconds = ((performance.now() - startedMs) / 1000).toFixed(1)
        const detail = describe?.(result)
        write(`${paint('32', '✔')} ${label}${detail ? `: ${detail}` : ''} ${paint('2', `(${seconds} s)`)}`)
        return result
      } catch (error) {
        write(`${paint('31', '✖')} ${label}`)
        throw error
      }
    },
    note(text) {
      write(`  ${paint('2', text)}`)
    },
  }
}
