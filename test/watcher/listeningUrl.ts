import type { ChildProcess } from 'node:child_process'

/**
 * Waits for a decai process to log that it listens: it logs one JSON line per event, and the line whose
 * message contains `message` carries the port.
 *
 * @param child - the process, spawned with piped stdout and stderr.
 * @param message - part of the listening line's message, e.g. `watcher listening`.
 * @returns `http://127.0.0.1:<port>`; rejects with the last output if the process exits first.
 * @example
 * const url = await listeningUrl(child, 'gateway listening')
 */
export function listeningUrl(child: ChildProcess, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString()
      const line = output.split('\n').find((entry) => entry.includes(message))
      if (line) resolve(`http://127.0.0.1:${JSON.parse(line).port}`)
    })
    child.stderr!.on('data', (data: Buffer) => {
      output += data.toString()
    })
    child.once('exit', (code) => reject(new Error(`process exited with ${code}: ${output.slice(-2000)}`)))
  })
}
