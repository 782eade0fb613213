import { Command } from 'commander'
import { vi } from 'vitest'

/** What a command printed: stdout as one string, stderr line by line, and the exit code it set. */
export type InProcessRun = { out: string; err: string[]; exitCode: number }

/**
 * Runs `decai …` in-process on a program holding only the commands `register` adds, and returns what it
 * printed. Tests use it for commands that need no separate process (no chain, no server).
 *
 * @param register - adds the command group under test (e.g. `registerModelCommands`)
 * @param args - the arguments after `decai`
 * @returns stdout, stderr lines and the exit code
 * @example
 * const { out } = await runCommandInProcess(registerModelCommands, ['model', 'hash', file, '--json'])
 */
export async function runCommandInProcess(
  register: (program: Command) => void,
  args: readonly string[],
): Promise<InProcessRun> {
  const program = new Command().exitOverride()
  register(program)
  let out = ''
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line) => {
    out += `${line}\n`
  })
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk)
    return true
  })
  const error = vi.spyOn(console, 'error').mockImplementation((line) => void err.push(String(line)))
  process.exitCode = 0
  try {
    await program.parseAsync(['node', 'decai', ...args])
  } finally {
    log.mockRestore()
    write.mockRestore()
    error.mockRestore()
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = 0
  return { out, err, exitCode }
}
