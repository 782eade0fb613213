import { CliPasswordRequiredError } from '../context/cliErrors.ts'

/** Where a password may come from: an environment variable read once, or the terminal. */
export type ReadPasswordParameters = {
  /** Name of the variable to read. */
  variable: string
  env: Readonly<Record<string, string | undefined>>
  /** What to ask on the terminal when the variable is unset. */
  prompt: string
  /** Ask twice and require both answers to match (when choosing a new password). */
  shouldConfirm?: boolean
}

/**
 * Reads a keystore password from an environment variable, or asks for it on the terminal without echo.
 *
 * @returns the password
 * @throws {CliPasswordRequiredError} when the variable is unset and stdin is not a terminal
 * @example
 * const password = await readPassword({ variable: 'DECAI_KEY_PASSWORD', env: process.env, prompt: 'Password: ' })
 */
export async function readPassword(parameters: ReadPasswordParameters): Promise<string> {
  const fromEnv = parameters.env[parameters.variable]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!process.stdin.isTTY) throw new CliPasswordRequiredError({ variable: parameters.variable })
  for (;;) {
    const password = await askHidden(parameters.prompt)
    if (!parameters.shouldConfirm) return password
    if ((await askHidden('Repeat: ')) === password) return password
    process.stderr.write('The passwords differ; try again.\n')
  }
}

// Raw mode reads key by key so nothing is echoed; Enter ends, Ctrl-C aborts, Backspace edits.
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let answer = ''
    const finish = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(answer)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish()
        if (char === '\u0003') return finish(new Error('interrupted'))
        answer = char === '\u007f' ? answer.slice(0, -1) : answer + char
      }
    }
    stdin.on('data', onData)
  })
}
