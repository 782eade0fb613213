import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommandInProcess } from '../testing/runCommandInProcess.ts'
import { registerGatewayCommands } from './gateway.ts'

let dir: string
let configFile: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-cli-gateway-'))
  configFile = join(dir, 'gateway.yaml')
  // The key commands read only `store.dir`; the rest must still be a valid config.
  await writeFile(
    configFile,
    [
      'mode: delegated',
      'gatewayKeyEnv: GATEWAY_KEY',
      'applications: [{ address: "0x00000000000000000000000000000000000000AA", serviceId: tiny }]',
      'chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json }',
      'store: { dir: keys }',
    ].join('\n'),
  )
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const decai = (...args: string[]) => runCommandInProcess(registerGatewayCommands, args)

// biome-ignore lint/suspicious/noExplicitAny: each test checks the fields it reads
async function json(...args: string[]): Promise<any> {
  const run = await decai(...args, '--json')
  expect(run.exitCode, run.err.join('\n')).toBe(0)
  return JSON.parse(run.out)
}

describe('decai gateway keys', () => {
  it('behavior: revoke --json names the revoked key and when it was revoked; list shows it revoked', async () => {
    const created = await json('gateway', 'keys', 'create', '--config', configFile, '--name', 'acme')
    const before = Date.now()
    const revoked = await json('gateway', 'keys', 'revoke', created.id, '--config', configFile)
    expect(revoked).toMatchObject({ id: created.id, name: 'acme', prefix: created.prefix })
    expect(revoked).not.toHaveProperty('key')
    expect(Date.parse(revoked.revokedAt)).toBe(revoked.revokedAtMs)
    expect(revoked.revokedAtMs).toBeGreaterThanOrEqual(before)
    const listed = await json('gateway', 'keys', 'list', '--config', configFile)
    expect(listed).toEqual([
      expect.objectContaining({
        record: expect.objectContaining({ id: created.id, revokedAtMs: revoked.revokedAtMs }),
      }),
    ])
    // Revoking again keeps the first time.
    const again = await json('gateway', 'keys', 'revoke', created.id, '--config', configFile)
    expect(again.revokedAt).toBe(revoked.revokedAt)
  })

  it('error: revoking an unknown id prints the error as JSON with --json and exits 1', async () => {
    const run = await decai('gateway', 'keys', 'revoke', 'key_000000000000', '--config', configFile, '--json')
    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.out)).toMatchObject({ error: { code: 'GATEWAY_KEY_NOT_FOUND' } })
  })
})
