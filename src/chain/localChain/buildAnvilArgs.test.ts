import { describe, expect, it } from 'vitest'
import { buildAnvilArgs } from './buildAnvilArgs.ts'

describe('buildAnvilArgs', () => {
  it('default: automine, silent, no persistence', () => {
    expect(buildAnvilArgs({ host: '127.0.0.1', port: 8545 })).toEqual([
      '--host',
      '127.0.0.1',
      '--port',
      '8545',
      '--silent',
    ])
  })

  it('args: every option', () => {
    expect(
      buildAnvilArgs({
        host: '0.0.0.0',
        port: 1,
        chainId: 7,
        blockTimeSec: 0.5,
        stateFile: 's.json',
        stateIntervalSec: 3,
        extraArgs: ['--accounts', '2'],
      }),
    ).toEqual([
      '--host',
      '0.0.0.0',
      '--port',
      '1',
      '--silent',
      '--chain-id',
      '7',
      '--block-time',
      '0.5',
      '--state',
      's.json',
      '--state-interval',
      '3',
      '--accounts',
      '2',
    ])
  })

  it('behavior: the state interval needs a state file', () => {
    expect(buildAnvilArgs({ host: 'h', port: 1, stateIntervalSec: 3 })).not.toContain('--state-interval')
  })
})
