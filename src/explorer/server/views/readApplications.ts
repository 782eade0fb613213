import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ApplicationDetail, ApplicationSummary } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { argBigint, argHex } from './eventArgs.ts'
import { type ClaimPage, readClaimLives, toClaimRow } from './readClaimRows.ts'
import { readRegistry, type ServiceRegistry } from './serviceRegistry.ts'
import { sessionOfBlock } from './sessionOfBlock.ts'
import type { ViewContext } from './viewContext.ts'

// A detail page lists this many of the latest claims and says how many there are in all.
const maxListedClaims = 100

type ApplicationFold = ApplicationSummary & { series: ApplicationDetail['series'] }

/**
 * Every application that ever staked: its service, stake, what settlement burned from it, its gateways.
 *
 * @param ctx - the view context
 * @returns the applications, in the order they first staked
 * @example
 * readApplications(ctx)[0].burned
 */
export function readApplications(ctx: ViewContext): ApplicationSummary[] {
  const applications = new Set(
    ctx.data.getEvents({ eventName: 'ApplicationStaked' }).map((e) => argHex(e, 'application')),
  )
  return [...applications].map((application) => {
    const { series: _, ...summary } = foldApplication(ctx, application)
    return summary
  })
}

/**
 * One application in detail: its stake spent over time and a page of its claims (the latest 100, or those
 * below `before`).
 *
 * @param ctx - the view context
 * @param application - the application's address
 * @param page - the claim page: its size and cursor
 * @returns the application
 * @throws {ExplorerNotFoundError} when the address never staked as an application
 * @example
 * readApplication(ctx, address).series
 */
export function readApplication(
  ctx: ViewContext,
  application: Hex,
  page: ClaimPage = { limit: maxListedClaims },
): ApplicationDetail {
  const fold = foldApplication(ctx, application)
  if (fold.serviceId === '') throw new ExplorerNotFoundError({ what: `application ${application}` })
  const claims = readClaimLives(ctx.data, { application }, page.limit, page.before)
  return {
    ...fold,
    claimList: claims.lives.map(toClaimRow),
    claimTotal: ctx.aggregates.read().applicationClaims.get(application) ?? 0,
    nextBefore: claims.nextBefore?.toString() ?? null,
  }
}

function foldApplication(ctx: ViewContext, application: Hex): ApplicationFold {
  const registry = readRegistry(ctx)
  const params = ctx.data.network.sessionParams
  const fold: ApplicationFold = {
    application,
    serviceId: '',
    stake: '0',
    burned: '0',
    gateways: [],
    status: 'staked',
    series: [],
  }
  let stake = 0n
  let burned = 0n
  const gateways = new Set<Hex>()
  const point = (event: ExplorerEvent) =>
    fold.series.push({
      blockNumber: event.blockNumber.toString(),
      session: sessionOfBlock(params, event.blockNumber).toString(),
      stake: stake.toString(),
      burnedCumulative: burned.toString(),
    })
  for (const event of ctx.data.getEvents({ application, contract: 'Applications' })) {
    if (event.eventName === 'ApplicationStaked') {
      fold.serviceId = serviceIdOf(registry, argHex(event, 'serviceKey'))
      stake = argBigint(event, 'stake')
      fold.status = 'staked'
      point(event)
    } else if (event.eventName === 'StakeBurned') {
      stake -= argBigint(event, 'amount')
      burned += argBigint(event, 'amount')
      point(event)
    } else if (event.eventName === 'ApplicationWithdrawn') {
      stake = 0n
      fold.status = 'withdrawn'
      point(event)
    } else if (event.eventName === 'ApplicationUnbondingStarted') fold.status = 'unbonding'
    else if (event.eventName === 'GatewayDelegated') gateways.add(argHex(event, 'gateway'))
    else if (event.eventName === 'GatewayUndelegated') gateways.delete(argHex(event, 'gateway'))
  }
  return { ...fold, stake: stake.toString(), burned: burned.toString(), gateways: [...gateways] }
}

function serviceIdOf(registry: ServiceRegistry, serviceKey: Hex): string {
  return registry.byKey.get(serviceKey)?.serviceId ?? serviceKey
}
