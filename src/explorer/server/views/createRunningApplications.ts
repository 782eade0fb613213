import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ApplicationDetail, ApplicationSummary } from '../../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'
import { createRunningFold, type RunningFold, type RunningFoldSpec, scanFold } from './createRunningFold.ts'
import { argBigint, argHex } from './eventArgs.ts'
import { sessionOfBlock } from './sessionOfBlock.ts'

/** One application's state, folded from its events in order. */
export type ApplicationFold = {
  /** Unset until it stakes: the service is resolved by key when read, as the registry may change. */
  serviceKey: Hex | undefined
  stake: bigint
  burned: bigint
  gateways: Set<Hex>
  status: ApplicationSummary['status']
  /** Every stake change with the cumulative burn, oldest first. */
  series: ApplicationDetail['series']
}

/** Every application's state, over every indexed event. */
export type ApplicationFolds = {
  byApplication: Map<Hex, ApplicationFold>
  /** Applications in the order they first staked. */
  staked: Hex[]
}

const eventNames = [
  'ApplicationStaked',
  'StakeBurned',
  'ApplicationWithdrawn',
  'ApplicationUnbondingStarted',
  'GatewayDelegated',
  'GatewayUndelegated',
]

/**
 * Creates the running application folds: one scan on the first read, then newly indexed events only (a reorg
 * makes the next read scan again; see {@link createRunningFold}). Why: every application burns stake on each
 * settlement, so re-folding its `StakeBurned` events per request grows with the chain's life.
 *
 * @param data - the data source
 * @returns the running folds
 * @example
 * createRunningApplications(data).read().byApplication.get(address)?.burned
 */
export function createRunningApplications(data: ExplorerDataSource): RunningFold<ApplicationFolds> {
  return createRunningFold(data, applicationsSpec(data))
}

/**
 * The folds from a full scan of the index: what the running folds must always equal.
 *
 * @example
 * expect(running.read()).toEqual(scanApplications(data))
 */
export function scanApplications(data: ExplorerDataSource): ApplicationFolds {
  return scanFold(data, applicationsSpec(data))
}

function applicationsSpec(data: ExplorerDataSource): RunningFoldSpec<ApplicationFolds> {
  return {
    eventNames,
    empty: () => ({ byApplication: new Map(), staked: [] }),
    add(folds, event) {
      if (event.contract !== 'Applications') return
      const application = argHex(event, 'application')
      const fold = foldOf(folds, application)
      if (event.eventName === 'ApplicationStaked' && fold.serviceKey === undefined)
        folds.staked.push(application)
      if (applyEvent(fold, event)) addPoint(data, fold, event)
    },
  }
}

function foldOf(folds: ApplicationFolds, application: Hex): ApplicationFold {
  const found = folds.byApplication.get(application)
  if (found) return found
  const fold: ApplicationFold = {
    serviceKey: undefined,
    stake: 0n,
    burned: 0n,
    gateways: new Set(),
    status: 'staked',
    series: [],
  }
  folds.byApplication.set(application, fold)
  return fold
}

/** Applies one event; true when the stake changed (a point on the series). */
function applyEvent(fold: ApplicationFold, event: ExplorerEvent): boolean {
  switch (event.eventName) {
    case 'ApplicationStaked':
      fold.serviceKey = argHex(event, 'serviceKey')
      fold.stake = argBigint(event, 'stake')
      fold.status = 'staked'
      return true
    case 'StakeBurned':
      fold.stake -= argBigint(event, 'amount')
      fold.burned += argBigint(event, 'amount')
      return true
    case 'ApplicationWithdrawn':
      fold.stake = 0n
      fold.status = 'withdrawn'
      return true
    case 'ApplicationUnbondingStarted':
      fold.status = 'unbonding'
      return false
    case 'GatewayDelegated':
      fold.gateways.add(argHex(event, 'gateway'))
      return false
    case 'GatewayUndelegated':
      fold.gateways.delete(argHex(event, 'gateway'))
      return false
  }
  return false
}

function addPoint(data: ExplorerDataSource, fold: ApplicationFold, event: ExplorerEvent): void {
  fold.series.push({
    blockNumber: event.blockNumber.toString(),
    session: sessionOfBlock(data.network.sessionParams, event.blockNumber).toString(),
    stake: fold.stake.toString(),
    burnedCumulative: fold.burned.toString(),
  })
}
