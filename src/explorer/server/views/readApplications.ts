import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ApplicationDetail, ApplicationSummary } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import type { ApplicationFold } from './createRunningApplications.ts'
import { downsampleBySession } from './downsampleBySession.ts'
import { type ClaimPage, readClaimLives, toClaimRow } from './readClaimRows.ts'
import { readRegistry, type ServiceRegistry } from './serviceRegistry.ts'
import type { ViewContext } from './viewContext.ts'

// A detail page lists this many of the latest claims and says how many there are in all.
const maxListedClaims = 100

/**
 * Every application that ever staked: its service, stake, what settlement burned from it, its gateways.
 *
 * @param ctx - the view context
 * @returns the applications, in the order they first staked
 * @example
 * readApplications(ctx)[0].burned
 */
export function readApplications(ctx: ViewContext): ApplicationSummary[] {
  const registry = readRegistry(ctx)
  const folds = ctx.applications.read()
  return folds.staked.flatMap((application) => {
    const fold = folds.byApplication.get(application)
    return fold ? [toSummary(registry, application, fold)] : []
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
  const found = ctx.applications.read().byApplication.get(application)
  if (found?.serviceKey === undefined) throw new ExplorerNotFoundError({ what: `application ${application}` })
  const claims = readClaimLives(ctx.data, { application }, page.limit, page.before)
  return {
    ...toSummary(readRegistry(ctx), application, found),
    series: downsampleBySession(found.series),
    claimList: claims.lives.map(toClaimRow),
    claimTotal: ctx.aggregates.read().applicationClaims.get(application) ?? 0,
    nextBefore: claims.nextBefore?.toString() ?? null,
  }
}

function toSummary(registry: ServiceRegistry, application: Hex, fold: ApplicationFold): ApplicationSummary {
  return {
    application,
    serviceId: fold.serviceKey ? serviceIdOf(registry, fold.serviceKey) : '',
    stake: fold.stake.toString(),
    burned: fold.burned.toString(),
    gateways: [...fold.gateways],
    status: fold.status,
  }
}

function serviceIdOf(registry: ServiceRegistry, serviceKey: Hex): string {
  return registry.byKey.get(serviceKey)?.serviceId ?? serviceKey
}
