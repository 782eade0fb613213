import { type Hex, keccak256, stringToHex } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MODEL_SHA256, type Network, pricing, setupNetwork } from './network.ts'
import { createWorld, revertName, TOKEN, type Wallet, type World } from './world.ts'

let world: World
let net: Network
let snapshot: Hex
const serviceKey = keccak256(stringToHex('llama-tiny'))

beforeAll(async () => {
  world = await createWorld()
  net = await setupNetwork(world)
})
afterAll(() => world.anvil.stop())
beforeEach(async () => {
  snapshot = await world.anvil.snapshot()
})
afterEach(async () => {
  await world.anvil.revert(snapshot)
})

async function staker(
  label: string,
  amount: bigint,
  spender: 'applications' | 'gateways' | 'suppliers',
): Promise<Wallet> {
  const w = await world.wallet(label)
  await world.fund(w, amount, spender)
  return w
}

describe('Services', () => {
  it('default: a champion publishes a service with its model commitment; pricing starts next session', async () => {
    const service = await world.read<{ owner: Hex; modelSha256: Hex; license: string; modelUris: string[] }>(
      'services',
      'getService',
      ['llama-tiny'],
    )
    expect(service.owner).toBe(net.champion.account.address)
    expect(service.modelSha256).toBe(MODEL_SHA256)
    expect(service.license).toBe('Apache-2.0')
    expect(service.modelUris).toHaveLength(2)
    const current = await world.freshSession()
    await world.send(net.champion, 'services', 'addService', ['qwen', pricing, MODEL_SHA256, [], 'MIT'])
    const qwen = keccak256(stringToHex('qwen'))
    expect(await revertName(world.read('services', 'pricingAt', [qwen, current]))).toBe('ServiceNotFound')
    expect(await world.read('services', 'pricingAt', [qwen, current + 1n])).toMatchObject({
      cuPerRequest: 100n,
    })
  })

  it('error: duplicate or malformed ids, free relays and oversized champion shares are refused', async () => {
    const add = (id: string, p = pricing) =>
      world.send(net.champion, 'services', 'addService', [id, p, MODEL_SHA256, [], 'MIT'])
    expect(await revertName(add('llama-tiny'))).toBe('ServiceExists')
    for (const id of ['', 'has space', 'x'.repeat(43), 'slash/no'])
      expect(await revertName(add(id)), id).toBe('InvalidServiceId')
    expect(await revertName(add('free', { ...pricing, cuPerRequest: 0n }))).toBe('InvalidPricing')
    expect(await revertName(add('greedy', { ...pricing, championBps: 2_001 }))).toBe('ChampionShareTooHigh')
  })

  it('behavior: only the owner reprices (from the next session), moves URIs or hands the service over', async () => {
    const current = await world.freshSession()
    const stranger = await world.wallet('stranger')
    expect(await revertName(world.send(stranger, 'services', 'setPricing', ['llama-tiny', pricing]))).toBe(
      'NotServiceOwner',
    )
    await world.send(net.champion, 'services', 'setPricing', [
      'llama-tiny',
      { ...pricing, cuPerOutputToken: 5n },
    ])
    expect(await world.read('services', 'pricingAt', [serviceKey, current])).toMatchObject({
      cuPerOutputToken: 3n,
    })
    expect(await world.read('services', 'pricingAt', [serviceKey, current + 1n])).toMatchObject({
      cuPerOutputToken: 5n,
    })
    await world.send(net.champion, 'services', 'setModelUris', ['llama-tiny', ['ar://mirror']])
    await world.send(net.champion, 'services', 'transferService', ['llama-tiny', stranger.account.address])
    expect(await world.read('services', 'ownerOf', [serviceKey])).toBe(stranger.account.address)
  })
})

describe('Applications', () => {
  it('default: staked for exactly one service, active from the next session', async () => {
    const app = await staker('app-2', 20n * TOKEN, 'applications')
    await world.send(app, 'applications', 'stake', ['llama-tiny', 10n * TOKEN])
    const from = (
      await world.read<readonly bigint[]>('applications', 'applications', [app.account.address])
    )[1]!
    expect(from).toBe((await world.currentSession()) + 1n)
    expect(await world.read('applications', 'isActiveAt', [app.account.address, from - 1n])).toBe(false)
    expect(await world.read('applications', 'isActiveAt', [app.account.address, from])).toBe(true)
    await world.send(app, 'applications', 'stake', ['llama-tiny', 10n * TOKEN])
    await world.send(net.champion, 'services', 'addService', ['other', pricing, MODEL_SHA256, [], 'MIT'])
    expect(await revertName(world.send(app, 'applications', 'stake', ['other', 1n]))).toBe('WrongService')
  })

  it('error: below the minimum stake, or for an unknown service', async () => {
    const app = await staker('app-3', 20n * TOKEN, 'applications')
    expect(await revertName(world.send(app, 'applications', 'stake', ['llama-tiny', TOKEN]))).toBe(
      'BelowMinimumStake',
    )
    expect(await revertName(world.send(app, 'applications', 'stake', ['nope', 10n * TOKEN]))).toBe(
      'ServiceNotFound',
    )
  })

  it('behavior: at most seven gateways; delegation and undelegation take effect at the next session', async () => {
    const gateways: Wallet[] = []
    for (let i = 0; i < 7; i++) {
      const g = await staker(`gw-${i}`, 10n * TOKEN, 'gateways')
      await world.send(g, 'gateways', 'stake', [10n * TOKEN])
      gateways.push(g)
    }
    const current = await world.freshSession()
    for (const g of gateways.slice(0, 6))
      await world.send(net.app, 'applications', 'delegate', [g.account.address])
    expect(
      await revertName(world.send(net.app, 'applications', 'delegate', [gateways[6]!.account.address])),
    ).toBe('TooManyGateways')
    const first = gateways[0]!.account.address
    const signer = (g: Hex, s: bigint) =>
      world.read('applications', 'isAuthorizedSigner', [net.app.account.address, g, s])
    expect(await signer(first, current)).toBe(false)
    expect(await signer(first, current + 1n)).toBe(true)
    // the original gateway was delegated before this session: it signs now, and until the session ends
    expect(await signer(net.gateway.account.address, current)).toBe(true)
    await world.send(net.app, 'applications', 'undelegate', [net.gateway.account.address])
    expect(await signer(net.gateway.account.address, current)).toBe(true)
    expect(await signer(net.gateway.account.address, current + 1n)).toBe(false)
    await world.send(net.app, 'applications', 'delegate', [gateways[6]!.account.address])
  })

  it('behavior: re-delegating in the same session continues; later it waits for older proofs to close', async () => {
    const gw = net.gateway.account.address
    const current = await world.freshSession()
    await world.send(net.app, 'applications', 'undelegate', [gw])
    await world.send(net.app, 'applications', 'delegate', [gw])
    expect(
      await world.read('applications', 'isAuthorizedSigner', [net.app.account.address, gw, current + 1n]),
    ).toBe(true)
    await world.send(net.app, 'applications', 'undelegate', [gw])
    await world.enterSession(current + 2n)
    expect(await revertName(world.send(net.app, 'applications', 'delegate', [gw]))).toBe(
      'RedelegationTooSoon',
    )
    await world.enterSession(current + 5n)
    await world.send(net.app, 'applications', 'delegate', [gw])
  })

  it('error: delegating to an unstaked gateway or undelegating a stranger', async () => {
    const stranger = await world.wallet('stranger')
    expect(
      await revertName(world.send(net.app, 'applications', 'delegate', [stranger.account.address])),
    ).toBe('GatewayNotStaked')
    expect(
      await revertName(world.send(net.app, 'applications', 'undelegate', [stranger.account.address])),
    ).toBe('NotDelegated')
  })

  it('behavior: unstaking ends after the current session; the stake returns after the unbonding period', async () => {
    const current = await world.freshSession()
    await world.send(net.app, 'applications', 'unstake')
    expect(await world.read('applications', 'isActiveAt', [net.app.account.address, current])).toBe(true)
    expect(await world.read('applications', 'isActiveAt', [net.app.account.address, current + 1n])).toBe(
      false,
    )
    expect(await revertName(world.send(net.app, 'applications', 'withdraw'))).toBe('StillBonded')
    await world.enterSession(current + 1n + BigInt(world.ledger.params.applicationUnbondingSessions))
    const before = await world.balanceOf(net.app.account.address)
    await world.send(net.app, 'applications', 'withdraw')
    expect((await world.balanceOf(net.app.account.address)) - before).toBe(1_000n * TOKEN)
  })
})

describe('Gateways', () => {
  it('behavior: stake, unstake after the session, withdraw after unbonding', async () => {
    const g = await staker('gw-x', 20n * TOKEN, 'gateways')
    expect(await revertName(world.send(g, 'gateways', 'stake', [TOKEN]))).toBe('BelowMinimumStake')
    const current = await world.freshSession()
    await world.send(g, 'gateways', 'stake', [10n * TOKEN])
    expect(await world.read('gateways', 'isActiveAt', [g.account.address, current + 1n])).toBe(true)
    await world.send(g, 'gateways', 'unstake')
    expect(await world.read('gateways', 'isActiveAt', [g.account.address, current + 1n])).toBe(false)
    expect(await revertName(world.send(g, 'gateways', 'withdraw'))).toBe('StillBonded')
    await world.enterSession(current + 1n + BigInt(world.ledger.params.gatewayUnbondingSessions))
    await world.send(g, 'gateways', 'withdraw')
  })
})

describe('Suppliers', () => {
  const config = (endpoint = 'https://s.example/v1') => [{ serviceId: 'llama-tiny', endpoint }]
  const shares = (w: Wallet) => [{ recipient: w.account.address, bps: 10_000 }]

  it('default: a staked supplier counts for its services from the next session', async () => {
    const owner = await staker('owner-2', 200n * TOKEN, 'suppliers')
    const op = await world.wallet('op-2')
    const current = await world.freshSession()
    await world.send(owner, 'suppliers', 'stake', [op.account.address, 100n * TOKEN, config(), shares(owner)])
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current])).toBe(1n)
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current + 1n])).toBe(2n)
    expect(
      await world.read('suppliers', 'isActiveForServiceAt', [op.account.address, serviceKey, current + 1n]),
    ).toBe(true)
    expect(
      await revertName(
        world.send(owner, 'suppliers', 'stake', [op.account.address, 100n * TOKEN, config(), shares(owner)]),
      ),
    ).toBe('AlreadyStaked')
  })

  it('error: below the minimum stake, an unknown service, or invalid revenue shares', async () => {
    const owner = await staker('owner-3', 500n * TOKEN, 'suppliers')
    const op = (await world.wallet('op-3')).account.address
    const stake = (amount: bigint, cfg: unknown, sh: unknown) =>
      world.send(owner, 'suppliers', 'stake', [op, amount, cfg, sh])
    const a = owner.account.address
    const b = net.owner.account.address
    expect(await revertName(stake(TOKEN, config(), shares(owner)))).toBe('BelowMinimumStake')
    expect(await revertName(stake(100n * TOKEN, [{ serviceId: 'nope', endpoint: '' }], shares(owner)))).toBe(
      'ServiceNotFound',
    )
    for (const bad of [
      [],
      [{ recipient: a, bps: 9_999 }],
      [
        { recipient: a, bps: 5_000 },
        { recipient: a, bps: 5_000 },
      ],
      [
        { recipient: a, bps: 10_000 },
        { recipient: b, bps: 0 },
      ],
      Array.from({ length: 9 }, (_, i) => ({
        recipient: `0x${(i + 1).toString(16).padStart(40, '0')}`,
        bps: i === 0 ? 2_000 : 1_000,
      })),
    ]) {
      expect(await revertName(stake(100n * TOKEN, config(), bad)), JSON.stringify(bad)).toBe(
        'InvalidRevenueShares',
      )
    }
  })

  it('behavior: removing and re-adding a service, and endpoint changes, take effect at the next session', async () => {
    const op = net.operators[0]!.account.address
    const current = await world.freshSession()
    await world.send(net.owner, 'suppliers', 'setEndpoint', [op, 'llama-tiny', 'https://moved.example/v1'])
    expect(await world.read('suppliers', 'endpointAt', [op, serviceKey, current])).toBe(
      'https://supplier-0.example/v1',
    )
    expect(await world.read('suppliers', 'endpointAt', [op, serviceKey, current + 1n])).toBe(
      'https://moved.example/v1',
    )
    await world.send(net.operators[0]!, 'suppliers', 'removeService', [op, 'llama-tiny'])
    expect(await world.read('suppliers', 'isActiveForServiceAt', [op, serviceKey, current])).toBe(true)
    expect(await world.read('suppliers', 'isActiveForServiceAt', [op, serviceKey, current + 1n])).toBe(false)
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current + 1n])).toBe(0n)
    // changing one's mind within the session continues the service
    await world.send(net.owner, 'suppliers', 'addService', [op, config()[0]])
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current + 1n])).toBe(1n)
    await world.send(net.owner, 'suppliers', 'removeService', [op, 'llama-tiny'])
    await world.enterSession(current + 2n)
    expect(await revertName(world.send(net.owner, 'suppliers', 'addService', [op, config()[0]]))).toBe(
      'ServiceReaddTooSoon',
    )
    await world.enterSession(current + 5n)
    await world.send(net.owner, 'suppliers', 'addService', [op, config()[0]])
  })

  it('error: strangers cannot manage a supplier; only the owner moves money or revenue shares', async () => {
    const op = net.operators[0]!
    const stranger = await world.wallet('stranger')
    expect(await revertName(world.send(stranger, 'suppliers', 'unstake', [op.account.address]))).toBe(
      'NotOwnerOrOperator',
    )
    expect(
      await revertName(world.send(op, 'suppliers', 'setRevenueShares', [op.account.address, shares(op)])),
    ).toBe('NotOwner')
    expect(await revertName(world.send(op, 'suppliers', 'addStake', [op.account.address, 1n]))).toBe(
      'NotOwner',
    )
  })

  it('behavior: unstaking leaves the count at the next session; the stake returns to the owner after unbonding', async () => {
    const op = net.operators[0]!.account.address
    const current = await world.freshSession()
    await world.send(net.operators[0]!, 'suppliers', 'unstake', [op])
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current])).toBe(1n)
    expect(await world.read('suppliers', 'supplierCountAt', [serviceKey, current + 1n])).toBe(0n)
    expect(await revertName(world.send(net.owner, 'suppliers', 'withdraw', [op]))).toBe('StillBonded')
    await world.enterSession(current + 1n + BigInt(world.ledger.params.supplierUnbondingSessions))
    const before = await world.balanceOf(net.owner.account.address)
    await world.send(net.owner, 'suppliers', 'withdraw', [op])
    expect((await world.balanceOf(net.owner.account.address)) - before).toBe(1_000n * TOKEN)
    expect(await world.read('suppliers', 'serviceKeysOf', [op])).toEqual([])
  })
})

describe('DecaiToken', () => {
  it('error: only settlement mints, only the stake escrows burn, the faucet closes for good', async () => {
    const stranger = await world.wallet('stranger')
    expect(
      await revertName(world.send(stranger, 'token', 'mintBatch', [[stranger.account.address], [1n]])),
    ).toBe('NotMinter')
    expect(await revertName(world.send(stranger, 'token', 'burn', [1n]))).toBe('NotBurner')
    expect(
      await revertName(world.send(stranger, 'token', 'faucetMint', [stranger.account.address, 1n])),
    ).toBe('NotGovernance')
    expect(await world.read('token', 'decimals')).toBe(6)
    await world.send(world.gov, 'token', 'closeFaucet')
    expect(
      await revertName(world.send(world.gov, 'token', 'faucetMint', [stranger.account.address, 1n])),
    ).toBe('FaucetClosed')
  })
})
