/**
 * The `decai` command line: one binary whose sub-commands wire the components together.
 * Each command group lives in `commands/<group>.ts` and registers itself on the program.
 */
import { Command } from 'commander'
import { registerAppCommands } from './commands/app.ts'
import { registerChainCommands } from './commands/chain.ts'
import { registerDevnetCommands } from './commands/devnet.ts'
import { registerExplorerCommand } from './commands/explorer.ts'
import { registerGatewayCommands } from './commands/gateway.ts'
import { registerKeysCommands } from './commands/keys.ts'
import { registerModelCommands } from './commands/model.ts'
import { registerQueryCommands } from './commands/query.ts'
import { registerRelayCommands } from './commands/relay.ts'
import { registerRelayminerCommands } from './commands/relayminer.ts'
import { registerServiceCommands } from './commands/service.ts'
import { registerSupplierCommands } from './commands/supplier.ts'
import { registerWatcherCommands } from './commands/watcher.ts'

const program = new Command()
  .name('decai')
  .description('decai: a permissionless LLM inference network (relay mining, on-chain settlement, gateways)')
  .version('0.1.0')
  .showHelpAfterError()

registerModelCommands(program)
registerRelayCommands(program)
registerSupplierCommands(program)
registerAppCommands(program)
registerServiceCommands(program)
registerQueryCommands(program)
registerKeysCommands(program)
registerDevnetCommands(program)
registerChainCommands(program)
registerRelayminerCommands(program)
registerGatewayCommands(program)
registerExplorerCommand(program)
registerWatcherCommands(program)

await program.parseAsync(process.argv)
