import { afterEach, describe, expect, it } from 'vitest'
import type { SignedSupplierObjectives } from '../../protocol/objectives/types.ts'
import { verifySupplierObjectives } from '../../protocol/objectives/verifySupplierObjectives.ts'
import { parseConfigText } from '../config/loadConfig.ts'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner, type TestRelayMiner } from '../testing/createTestRelayMiner.ts'

let relayMiner: TestRelayMiner | undefined
afterEach(async () => {
  await relayMiner?.dispose()
  relayMiner = undefined
})

async function advertisementsOf(objectives?: Map<string, { ttftP90Ms?: number; maxErrorRate?: number }>) {
  const network = createTestNetwork()
  relayMiner = await createTestRelayMiner({
    network,
    backend: createInstantBackend(),
    ...(objectives ? { objectives } : {}),
  })
  const response = await relayMiner.app.request('/v1/objectives')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('application/json')
  const body = (await response.json()) as { advertisements: SignedSupplierObjectives[] }
  return { network, body }
}

describe('GET /v1/objectives', () => {
  it("behavior: serves each operator's objectives, signed by its key", async () => {
    const { network, body } = await advertisementsOf(
      new Map([['llama-tiny', { ttftP90Ms: 800, maxErrorRate: 0.01 }]]),
    )
    expect(body.advertisements).toHaveLength(1)
    const [signed] = body.advertisements
    expect(signed!.objectives).toMatchObject({
      version: 1,
      supplier: network.supplier.operatorAddress,
      services: { [network.serviceId]: { ttftP90Ms: 800, maxErrorRate: 0.01 } },
    })
    expect(Object.keys(signed!.objectives).sort()).toEqual(['issuedAt', 'services', 'supplier', 'version'])
    expect(signed!.signature).toMatch(/^0x[0-9a-f]{130}$/)
    expect(verifySupplierObjectives(signed!, network.supplier.operatorAddress)).toBe(true)
  })

  it('behavior: an operator with no objectives advertises an empty, still signed, list', async () => {
    const { network, body } = await advertisementsOf()
    expect(body.advertisements[0]!.objectives.services).toEqual({})
    expect(verifySupplierObjectives(body.advertisements[0]!, network.supplier.operatorAddress)).toBe(true)
  })
})

describe('services[].objectives in the config', () => {
  const config = (objectives: string) => `
keys: [{ name: op1, privateKeyEnv: OP1_KEY }]
suppliers: [{ key: op1, services: [llama-tiny] }]
services:
  - id: llama-tiny
    backend: { kind: embedded, modelPath: ./tiny.gguf, sha256: ${'ab'.repeat(32)} }
    ${objectives}
chain: { rpcUrl: 'http://127.0.0.1:8545', manifestFile: ./deployment.json }
store: { dir: ./trees }
`

  it.each<[string, string, boolean]>([
    ['valid: no objectives', '', true],
    ['valid: every objective', 'objectives: { ttftP90Ms: 800, tpotP90Ms: 40, maxErrorRate: 0.01 }', true],
    ['invalid: a negative TTFT', 'objectives: { ttftP90Ms: -1 }', false],
    ['invalid: an error rate above 1', 'objectives: { maxErrorRate: 2 }', false],
    ['invalid: an unknown objective', 'objectives: { ttftP50Ms: 100 }', false],
  ])('%s', (_name, objectives, isValid) => {
    if (isValid) expect(() => parseConfigText(config(objectives))).not.toThrow()
    else
      expect(() => parseConfigText(config(objectives))).toThrow(
        expect.objectContaining({ code: 'RELAYMINER_INVALID_CONFIG' }),
      )
  })
})
