import type { DifficultyPoint, PricingView } from '../../api/types.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { argBigint, argRecord } from './eventArgs.ts'

const maxTarget = 2n ** 256n - 1n

/**
 * The API form of a `DifficultyUpdated` event (spec §6): the estimated volume that fed the control law,
 * the EMA, and the new target with the relay probability it means.
 *
 * @returns the point
 * @example
 * data.getEvents({ service, eventName: 'DifficultyUpdated' }).map(toDifficultyPoint)
 */
export function toDifficultyPoint(event: ExplorerEvent): DifficultyPoint {
  const target = argBigint(event, 'target')
  return {
    settledSession: argBigint(event, 'settledSession').toString(),
    fromSession: argBigint(event, 'fromSession').toString(),
    estimatedRelays: argBigint(event, 'estimatedRelays').toString(),
    ema: argBigint(event, 'ema').toString(),
    target: `0x${target.toString(16).padStart(64, '0')}`,
    // Both are below 2^256 < Number.MAX_VALUE, so the float ratio keeps ~16 significant digits.
    relayProbability: Number(target) / Number(maxTarget),
  }
}

/**
 * The API form of a `PricingScheduled` event.
 *
 * @returns the pricing and the session it applies from
 * @example
 * toPricingView(event).cuPerRequest // '100'
 */
export function toPricingView(event: ExplorerEvent): PricingView {
  const pricing = argRecord(event, 'pricing')
  const int = (name: string) =>
    (typeof pricing[name] === 'bigint' ? (pricing[name] as bigint) : 0n).toString()
  return {
    cuPerRequest: int('cuPerRequest'),
    cuPerInputToken: int('cuPerInputToken'),
    cuPerOutputToken: int('cuPerOutputToken'),
    championBps: Number(pricing.championBps ?? 0),
    fromSession: argBigint(event, 'fromSession').toString(),
  }
}
