import type { EventRow } from '../../api/types.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { argBigint, argHex, argRecord, argString } from './eventArgs.ts'
import type { ServiceRegistry } from './serviceRegistry.ts'

const short = (hex: string) => (hex.length > 12 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex)

// Base units → tokens (6 decimals), trailing zeros dropped: 3079n → '0.003079 DECAI'.
const tokens = (event: ExplorerEvent, name: string) => {
  const units = argBigint(event, name)
  const fraction = (units % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
  return `${units / 1_000_000n}${fraction ? `.${fraction}` : ''} DECAI`
}

type Describe = (e: ExplorerEvent, service: (key: string) => string) => [summary: string, href: string | null]

// One sentence per ledger event, for the activity feed; events not listed get their name only.
const describers: Record<string, Describe> = {
  ServiceAdded: (e) => [
    `Service ${argString(e, 'serviceId')} added by ${short(argHex(e, 'owner'))}`,
    `#/services/${argString(e, 'serviceId')}`,
  ],
  PricingScheduled: (e, s) => [
    `New pricing for ${s(argHex(e, 'serviceKey'))} from session ${argBigint(e, 'fromSession')}`,
    `#/services/${s(argHex(e, 'serviceKey'))}`,
  ],
  DifficultyUpdated: (e, s) => [
    `Difficulty of ${s(argHex(e, 'serviceKey'))} updated after session ${argBigint(e, 'settledSession')} (≈${argBigint(e, 'estimatedRelays')} relays)`,
    `#/services/${s(argHex(e, 'serviceKey'))}`,
  ],
  SupplierStaked: (e) => [
    `Supplier ${short(argHex(e, 'operator'))} staked`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  SupplierSlashed: (e) => [
    `Supplier ${short(argHex(e, 'operator'))} slashed ${tokens(e, 'amount')}`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  StakeBurned: (e) => [
    `Application ${short(argHex(e, 'application'))} paid ${tokens(e, 'amount')}`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  ApplicationStaked: (e) => [
    `Application ${short(argHex(e, 'application'))} staked`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  GatewayStaked: (e) => [`Gateway ${short(argHex(e, 'gateway'))} staked`, null],
  GatewayDelegated: (e) => [
    `Application ${short(argHex(e, 'application'))} delegated to gateway ${short(argHex(e, 'gateway'))}`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  SessionSeedRecorded: (e) => [
    `Seed of session ${argBigint(e, 'session')} recorded`,
    `#/sessions/${argBigint(e, 'session')}`,
  ],
  ProofSeedRecorded: (e) => [
    `Proof seed of session ${argBigint(e, 'session')} recorded`,
    `#/sessions/${argBigint(e, 'session')}`,
  ],
  ClaimCreated: (e) => [
    `Claim by ${short(argHex(e, 'supplierOperator'))} for session ${argBigint(e, 'session')} (${String(argRecord(e, 'header').serviceId ?? '')})`,
    `#/sessions/${argBigint(e, 'session')}`,
  ],
  ProofAccepted: (e) => [
    `Proof accepted for claim ${short(argHex(e, 'claimKey'))} (${argBigint(e, 'computeUnits')} CU leaf)`,
    null,
  ],
  ClaimSettled: (e) => [
    `Claim of ${short(argHex(e, 'supplierOperator'))} settled: ${tokens(e, 'burned')} burned, ${tokens(e, 'minted')} minted`,
    '#/flows',
  ],
  ClaimSkipped: (e) => [
    `Claim ${short(argHex(e, 'claimKey'))} skipped at settlement (nothing to pay)`,
    '#/flows',
  ],
  ApplicationUnbondingStarted: (e) => [
    `Application ${short(argHex(e, 'application'))} unstaking, withdrawable from session ${argBigint(e, 'withdrawableFromSession')}`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  ApplicationWithdrawn: (e) => [
    `Application ${short(argHex(e, 'application'))} withdrew ${tokens(e, 'amount')}`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  GatewayUndelegated: (e) => [
    `Application ${short(argHex(e, 'application'))} undelegated from gateway ${short(argHex(e, 'gateway'))}`,
    `#/applications/${argHex(e, 'application')}`,
  ],
  GatewayUnbondingStarted: (e) => [`Gateway ${short(argHex(e, 'gateway'))} unstaking`, null],
  GatewayWithdrawn: (e) => [`Gateway ${short(argHex(e, 'gateway'))} withdrew ${tokens(e, 'amount')}`, null],
  SupplierServiceAdded: (e, s) => [
    `Supplier ${short(argHex(e, 'operator'))} serves ${s(argHex(e, 'serviceKey'))} from session ${argBigint(e, 'fromSession')}`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  SupplierServiceRemoved: (e, s) => [
    `Supplier ${short(argHex(e, 'operator'))} stops serving ${s(argHex(e, 'serviceKey'))} after session ${argBigint(e, 'untilSession')}`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  SupplierUnbondingStarted: (e) => [
    `Supplier ${short(argHex(e, 'operator'))} unstaking, withdrawable from session ${argBigint(e, 'withdrawableFromSession')}`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  SupplierWithdrawn: (e) => [
    `Supplier ${short(argHex(e, 'operator'))} withdrew ${tokens(e, 'amount')}`,
    `#/suppliers/${argHex(e, 'operator')}`,
  ],
  ParamsScheduled: (e) => [
    `Parameters version ${argBigint(e, 'version')} scheduled from session ${argBigint(e, 'fromSession')}`,
    null,
  ],
  FaucetMinted: (e) => [`Faucet minted ${tokens(e, 'amount')} to ${short(argHex(e, 'to'))}`, null],
  FaucetClosedForGood: () => ['Faucet closed for good', null],
  WatcherReportCommitted: (e) => [
    `Watcher ${short(argHex(e, 'watcher'))} committed a report on supplier ${short(argHex(e, 'supplier'))} (session ${argBigint(e, 'session')})`,
    `#/suppliers/${argHex(e, 'supplier')}`,
  ],
  ClaimExpired: (e) => [
    `Claim of ${short(argHex(e, 'supplierOperator'))} expired without its required proof: ${tokens(e, 'slashed')} slashed`,
    '#/flows',
  ],
}

/**
 * Describes an event in one sentence for the recent-activity feed, with the page it is about.
 *
 * @param event - the event
 * @param registry - to name services by id rather than key
 * @returns the feed row
 * @example
 * summarizeEvent(event, registry).summary // 'Supplier 0x7099…79c8 staked'
 */
export function summarizeEvent(event: ExplorerEvent, registry: ServiceRegistry): EventRow {
  const service = (key: string) => registry.byKey.get(key as `0x${string}`)?.serviceId ?? short(key)
  const [summary, href] = describers[event.eventName]?.(event, service) ?? [event.eventName, null]
  return {
    id: event.id,
    blockNumber: event.blockNumber.toString(),
    transactionHash: event.transactionHash,
    contract: event.contract,
    eventName: event.eventName,
    summary,
    href,
  }
}
