import { Command } from 'commander'
import { reportCommanderErrors } from './context/reportCommanderErrors.ts'

type Register = (program: Command) => void

// Each top-level command and the module that registers it, in the order `decai --help` lists them. They
// are imported on demand: `decai keys list` need not load llama.cpp, the gateway and the relayminer, and
// each of those costs a second or more at start on a small machine.
const commandGroups: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['model', async () => (await import('./commands/model.ts')).registerModelCommands],
  ['relay', async () => (await import('./commands/relay.ts')).registerRelayCommands],
  ['supplier', async () => (await import('./commands/supplier.ts')).registerSupplierCommands],
  ['app', async () => (await import('./commands/app.ts')).registerAppCommands],
  ['service', async () => (await import('./commands/service.ts')).registerServiceCommands],
  ['query', async () => (await import('./commands/query.ts')).registerQueryCommands],
  ['keys', async () => (await import('./commands/keys.ts')).registerKeysCommands],
  ['devnet', async () => (await import('./commands/devnet.ts')).registerDevnetCommands],
  ['chain', async () => (await import('./commands/chain.ts')).registerChainCommands],
  ['relayminer', async () => (await import('./commands/relayminer.ts')).registerRelayminerCommands],
  ['gateway', async () => (await import('./commands/gateway.ts')).registerGatewayCommands],
  ['explorer', async () => (await import('./commands/explorer.ts')).registerExplorerCommand],
  ['watcher', async () => (await import('./commands/watcher.ts')).registerWatcherCommands],
  ['bench', async () => (await import('./commands/bench.ts')).registerBenchCommand],
]

/** The names of every top-level `decai` command. */
export const commandGroupNames: readonly string[] = commandGroups.map(([name]) => name)

/**
 * Builds the `decai` program. Given the arguments, it registers only the command they name; without one
 * (or for `--help`, `help`, a typo) it registers them all, so that help lists everything and commander
 * can suggest the closest name.
 *
 * @param args - the command-line arguments after the executable and script (`process.argv.slice(2)`)
 * @returns the program, ready for `parseAsync`
 * @example
 * await (await createProgram(process.argv.slice(2))).parseAsync(process.argv)
 */
export async function createProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name('decai')
    .description(
      'decai: a permissionless LLM inference network (relay mining, on-chain settlement, gateways)',
    )
    .version('0.1.0')
    .showHelpAfterError()
  reportCommanderErrors(program, args.includes('--json'))
  const named = commandGroups.filter(([name]) => name === args[0])
  for (const [, load] of named.length > 0 ? named : commandGroups) (await load())(program)
  return program
}
