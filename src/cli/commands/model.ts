import type { Command } from 'commander'

/** `decai model …`: generate, hash and publish model artifacts. Filled in by the inference component. */
export function registerModelCommands(program: Command): void {
  program.command('model').description('Model artifacts: generate, hash, publish')
}
