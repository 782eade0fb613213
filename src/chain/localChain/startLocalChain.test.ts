import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ChainLocalChainError } from '../errors/localChain.ts'
import { jsonRpcRequest } from './jsonRpcRequest.ts'
import { type StartLocalChainReturnType, startLocalChain } from './startLocalChain.ts'

const dir = mkdtempSync(join(tmpdir(), 'decai-localchain-'))
const started: StartLocalChainReturnType[] = []
afterAll(async () => {
  await Promise.all(started.map((chain) => chain.stop()))
  rmSync(dir, { recursive: true, force: true })
})

async function start(parameters: Parameters<typeof startLocalChain>[0] = {}) {
  const chain = await startLocalChain(parameters)
  started.push(chain)
  return chain
}

const blockNumber = async (chain: StartLocalChainReturnType) =>
  Number(BigInt(await chain.request<string>('eth_blockNumber')))
const address = '0x00000000000000000000000000000000000dec41'

describe('startLocalChain', () => {
  it('default: starts on a free port, answers eth_chainId and mines on demand', async () => {
    const chain = await start()
    expect(chain.rpcUrl).toBe(`http://127.0.0.1:${chain.port}`)
    expect(chain.chainId).toBe(31337)
    expect(chain.isRunning()).toBe(true)
    await chain.mine(3)
    expect(await blockNumber(chain)).toBe(3)
    await chain.stop()
    expect(chain.isRunning()).toBe(false)
  })

  it('args: chainId and blockTimeSec', async () => {
    const chain = await start({ chainId: 4242, blockTimeSec: 0.1 })
    expect(chain.chainId).toBe(4242)
    // The node mines on its own: wait for two blocks without asserting how long they took.
    while ((await blockNumber(chain)) < 2) await new Promise((resolve) => setTimeout(resolve, 50))
    await chain.stop()
  })

  it('behavior: a balance and the block height survive a restart with the same state file', async () => {
    const stateFile = join(dir, 'nested', 'state.json')
    const first = await start({ stateFile })
    await first.request('anvil_setBalance', [address, '0x1234'])
    await first.mine(5)
    await first.stop()
    const second = await start({ stateFile, port: first.port })
    expect(await second.request('eth_getBalance', [address, 'latest'])).toBe('0x1234')
    expect(await blockNumber(second)).toBe(5)
    await second.stop()
  })

  it('behavior: stop is idempotent and the port is released', async () => {
    const chain = await start()
    await chain.stop()
    await chain.stop()
    await expect(jsonRpcRequest({ url: chain.rpcUrl, method: 'eth_chainId' })).rejects.toThrow()
  })

  it('behavior: the node stops when the process that started it is killed', async () => {
    const script = `import { startLocalChain } from './src/chain/localChain/startLocalChain.ts'
const chain = await startLocalChain({}); console.log(chain.rpcUrl)`
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const rpcUrl = await new Promise<string>((resolve) =>
      parent.stdout.once('data', (d) => resolve(String(d).trim())),
    )
    expect(await jsonRpcRequest({ url: rpcUrl, method: 'eth_chainId' })).toBe('0x7a69')
    parent.kill('SIGKILL')
    // Poll until the orphaned node is gone; the supervisor sees its stdin close and terminates it.
    for (;;) {
      const isAlive = await jsonRpcRequest({ url: rpcUrl, method: 'eth_chainId' }).then(
        () => true,
        () => false,
      )
      if (!isAlive) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })

  it('error: the port is already taken', async () => {
    const chain = await start()
    const error = await startLocalChain({ port: chain.port }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainLocalChainError)
    expect((error as ChainLocalChainError).code).toBe('CHAIN_LOCAL_CHAIN_FAILED')
    await chain.stop()
  })

  it('error: an unreadable state file', async () => {
    const stateFile = join(dir, 'corrupt.json')
    writeFileSync(stateFile, '{not json')
    const error = await startLocalChain({ stateFile }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainLocalChainError)
    expect((error as ChainLocalChainError).details).toMatch(/state/)
  })
})
