import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { commandGroupNames, createProgram } from './createProgram.ts'

// Every command of the tree with its path from the root (`['query', 'session']`).
function walk(command: Command, path: string[] = []): Array<{ path: string[]; command: Command }> {
  return command.commands.flatMap((child) => {
    const childPath = [...path, child.name()]
    return [{ path: childPath, command: child }, ...walk(child, childPath)]
  })
}

const hasOption = (command: Command, flag: string) => command.options.some((option) => option.long === flag)

// Commands that read and print something, which scripts consume with --json.
const isQuery = (path: string[]) =>
  path[0] === 'query' ||
  ['list', 'status'].includes(path.at(-1)!) ||
  ['model hash', 'model info'].includes(path.join(' '))

describe('decai command tree', async () => {
  const program = await createProgram()
  const commands = walk(program)
  const leaves = commands.filter(({ command }) => command.commands.length === 0)

  it('default: every top-level command is registered when none is named', () => {
    expect(program.commands.map((command) => command.name())).toEqual(commandGroupNames)
  })

  it('behavior: naming a command registers only that one', async () => {
    const only = await createProgram(['keys', 'list'])
    expect(only.commands.map((command) => command.name())).toEqual(['keys'])
  })

  it('behavior: every command has a description and renders its --help', () => {
    expect(leaves.length).toBeGreaterThan(30)
    for (const { path, command } of commands) {
      expect(command.description(), path.join(' ')).not.toBe('')
      expect(command.helpInformation(), path.join(' ')).toContain(`Usage: decai ${path.join(' ')}`)
    }
  })

  it('behavior: every query and list prints JSON with --json', () => {
    const queries = leaves.filter(({ path }) => isQuery(path))
    expect(queries.map(({ path }) => path.join(' '))).toEqual(
      expect.arrayContaining([
        'query session',
        'query balances',
        'service list',
        'keys list',
        'chain status',
      ]),
    )
    const missing = queries.filter(({ command }) => !hasOption(command, '--json'))
    expect(missing.map(({ path }) => path.join(' '))).toEqual([])
  })

  it('behavior: every API-key command of the gateway (create, list, revoke) prints JSON with --json', () => {
    const keyCommands = leaves.filter(({ path }) => path.slice(0, 2).join(' ') === 'gateway keys')
    expect(keyCommands.map(({ path }) => path.at(-1))).toEqual(['create', 'list', 'revoke'])
    const missing = keyCommands.filter(({ command }) => !hasOption(command, '--json'))
    expect(missing.map(({ path }) => path.join(' '))).toEqual([])
  })

  it('behavior: every command that talks to the ledger and ends prints JSON with --json', () => {
    // The explorer serves until stopped: it prints no result.
    const ledgerCommands = leaves.filter(
      ({ path, command }) => hasOption(command, '--rpc-url') && path.join(' ') !== 'explorer',
    )
    expect(ledgerCommands.length).toBeGreaterThan(20)
    const missing = ledgerCommands.filter(({ command }) => !hasOption(command, '--json'))
    expect(missing.map(({ path }) => path.join(' '))).toEqual([])
  })
})
