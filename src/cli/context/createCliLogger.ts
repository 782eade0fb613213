import { type Logger, pino } from 'pino'

/**
 * The logger of one-shot commands: JSON lines on stderr (stdout stays for the command's output).
 *
 * @param level - pino level; `silent` by default for commands whose output is the answer
 * @returns the logger
 * @example
 * const logger = createCliLogger('info')
 */
export function createCliLogger(level: string = 'silent'): Logger {
  return pino({ level, base: { component: 'cli' } }, pino.destination(2))
}
