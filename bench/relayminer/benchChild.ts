/**
 * What every server process of the relayminer benchmark shares with the load generator: it announces its
 * URL as one JSON line on stdout, answers `stats` IPC messages with its CPU time (and stored relays), and
 * exits on `stop` after its own cleanup.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Listens on a free loopback port and prints `{"url": …}` once listening. */
export function listenAndAnnounce(server: Server): void {
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`)
  })
}

/** Answers the load generator's `stats` and `stop` messages. */
export function answerBenchMessages(
  options: { storedRelays?: () => number; stop?: () => Promise<void> } = {},
): void {
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage()
      process.send?.({
        cpuMs: (cpu.user + cpu.system) / 1000,
        userMs: cpu.user / 1000,
        systemMs: cpu.system / 1000,
        storedRelays: options.storedRelays?.() ?? 0,
      })
    }
    if (message.type === 'stop') {
      await options.stop?.()
      process.exit(0)
    }
  })
}
