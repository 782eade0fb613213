import type { Command } from 'commander'
import type { Address } from 'viem'
import { noDevnetToDefaultTo, readDevnetDefaults } from '../context/devnetDefaults.ts'
import { addLedgerOptions, type LedgerOptions, openLedger } from '../context/ledgerOptions.ts'
import { formatTokens, printJson, printRows } from '../context/output.ts'
import { parseAddress, parseBigint } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { type BalanceRow, queryBalances, type Unbonding } from '../query/queryBalances.ts'
import { type EventFilters, queryClaims, queryProofs, querySettlements } from '../query/queryEvents.ts'
import { queryDifficulty, querySession } from '../query/querySession.ts'

type QueryOptions = LedgerOptions & { json?: boolean }
type FilterOptions = QueryOptions & EventFilters
const maxTarget = 2n ** 256n - 1n

/** `decai query …`: read the ledger (sessions, claims, proofs, settlements, balances, difficulty). */
export function registerQueryCommands(program: Command): void {
  const query = program
    .command('query')
    .description('Read the ledger: sessions, claims, proofs, settlements, balances, difficulty')
  const base = (name: string, description: string) =>
    addLedgerOptions(query.command(name).description(description)).option('--json', 'print one JSON object')
  const filtered = (name: string, description: string) =>
    base(name, description)
      .option('--supplier <operator>', 'only this supplier (operator address)', parseAddress)
      .option('--application <address>', 'only this application', parseAddress)
      .option('--session <n>', 'only this session number', parseBigint)
      .option('--from-block <n>', 'start here instead of the deployment block', parseBigint)
  base('session', 'A session of an application for a service: header, seed, timeline, suppliers')
    .option('--application <address>', 'the application (default: the devnet application)', parseAddress)
    .option('--service <id>', 'the service id (default: the devnet service)')
    .option('--session <n>', 'the session number (default: the current one)', parseBigint)
    .action(runAction(sessionAction))
  filtered('claims', 'Claims made: supplier, session, compute units and mined relays').action(
    runAction(claimsAction),
  )
  filtered('proofs', 'Proofs the ledger accepted').action(runAction(proofsAction))
  filtered('settlements', 'Settled claims (burned, minted) and expired ones (slashed)').action(
    runAction(settlementsAction),
  )
  base(
    'balances [addresses...]',
    'Token balances and, for any address, its application, gateway and supplier stakes, delegations and unbonding (default: every devnet role)',
  ).action(runAction(balancesAction))
  base('difficulty', "A service's relay-mining target, its EMA and every change")
    .option('--service <id>', 'the service id (default: the devnet service)')
    .option('--session <n>', 'the session whose target to show (default: the current one)', parseBigint)
    .action(runAction(difficultyAction))
}

async function sessionAction(
  options: QueryOptions & { application?: Address; service?: string; session?: bigint },
) {
  const devnet = await readDevnetDefaults(options.devnetDir)
  const application = options.application ?? devnet?.keys.application.address
  const serviceId = options.service ?? devnet?.serviceId
  if (!application || !serviceId) throw noDevnetToDefaultTo(options.devnetDir, '--application and --service')
  const result = await querySession(await openLedger(options), {
    application,
    serviceId,
    session: options.session,
  })
  if (options.json) return printJson(result)
  const { header, timeline } = result
  printRows([
    ['session', `${result.session} (blocks ${header.sessionStartHeight}–${header.sessionEndHeight})`],
    ['session id', header.sessionId],
    ['application', header.application],
    ['service', header.serviceId],
    ['seed', result.seed],
    ['claims', `blocks ${timeline.claimWindowOpen}–${timeline.claimWindowClose}`],
    ['proofs', `blocks ${timeline.proofWindowOpen}–${timeline.proofWindowClose}`],
    ['settles from', `block ${timeline.settlementHeight}`],
    [
      'suppliers',
      `${result.suppliers.length} of ${result.numSuppliers} staked (k = ${result.suppliersPerSession})`,
    ],
    ...result.suppliers.map((s) => [`  ${s.operator}`, s.endpoint] as const),
  ])
}

async function claimsAction(options: FilterOptions) {
  const claims = await queryClaims(await openLedger(options), options)
  if (options.json) return printJson({ claims })
  if (claims.length === 0) return console.log('no claims yet (they are made after each session ends)')
  for (const c of claims)
    console.log(
      `session ${c.session}  supplier ${c.supplier}  relays ${c.relays}  compute units ${c.computeUnits}  block ${c.blockNumber}`,
    )
}

async function proofsAction(options: FilterOptions) {
  const proofs = await queryProofs(await openLedger(options), options)
  if (options.json) return printJson({ proofs })
  if (proofs.length === 0) return console.log('no proofs yet (only claims drawn for a proof need one)')
  for (const p of proofs)
    console.log(
      `session ${p.session}  supplier ${p.supplier}  relay ${p.relayHash.slice(0, 18)}…  weight ${p.computeUnits}  block ${p.blockNumber}`,
    )
}

async function settlementsAction(options: FilterOptions) {
  const settlements = await querySettlements(await openLedger(options), options)
  if (options.json) return printJson({ settlements })
  if (settlements.length === 0)
    return console.log('no settlements yet (a session settles about 20 blocks after it ends)')
  for (const s of settlements) {
    const money =
      s.outcome === 'settled'
        ? `burned ${formatTokens(s.burned)}  minted ${formatTokens(s.minted)}${s.isProofRequired ? '  (proven)' : ''}`
        : `slashed ${formatTokens(s.slashed)} (required proof missing)`
    console.log(`session ${s.session}  supplier ${s.supplier}  ${s.outcome}  ${money}`)
    for (const mint of s.mints)
      console.log(`  minted ${formatTokens(mint.amount)} to ${mint.role} ${mint.recipient}`)
  }
}

async function balancesAction(addresses: string[], options: QueryOptions) {
  const devnet = await readDevnetDefaults(options.devnetDir)
  const parsed = addresses.map((address) => parseAddress(address))
  if (parsed.length === 0 && !devnet)
    throw noDevnetToDefaultTo(options.devnetDir, 'the addresses to read (`decai query balances 0x…`)')
  const result = await queryBalances(await openLedger(options), {
    addresses: parsed,
    devnetKeys: devnet?.keys,
  })
  if (options.json) return printJson(result)
  console.log(`session ${result.session}`)
  for (const row of result.rows) printBalanceRow(row)
  console.log(`total supply ${formatTokens(result.totalSupply)}`)
}

// One account: its balance, then a line per stake it holds in any role.
function printBalanceRow(row: BalanceRow): void {
  const staked = row.stake === 0n ? '' : `  (staked ${formatTokens(row.stake)})`
  console.log(`${row.label}  ${formatTokens(row.balance)}${staked}  ${row.address}`)
  const { application: app, gateway, suppliers } = row
  if (app) {
    console.log(
      `  application  ${formatTokens(app.stake)} for ${app.serviceId}, active from session ${app.activeFromSession}, ${formatPendingClaims(app.pendingClaims)}${formatUnbonding(app.unbonding)}`,
    )
    for (const d of app.delegations)
      console.log(
        `    delegates to gateway ${d.gateway} from session ${d.fromSession}${d.untilSession === null ? '' : ` until ${d.untilSession}`}`,
      )
  }
  if (gateway)
    console.log(
      `  gateway      ${formatTokens(gateway.stake)}, active from session ${gateway.activeFromSession}${formatUnbonding(gateway.unbonding)}`,
    )
  for (const s of suppliers) {
    console.log(
      `  supplier     ${formatTokens(s.stake)} on operator ${s.operator} (owner ${s.owner}), ${formatPendingClaims(s.pendingClaims)}${formatUnbonding(s.unbonding)}`,
    )
    for (const service of s.services)
      console.log(
        `    serves ${service.serviceId} at ${service.endpoint} from session ${service.fromSession}${service.untilSession === null ? '' : ` until ${service.untilSession}`}`,
      )
  }
}

function formatPendingClaims(count: number): string {
  return `${count} ${count === 1 ? 'claim' : 'claims'} pending`
}

function formatUnbonding(unbonding: Unbonding | null): string {
  if (!unbonding) return ''
  return `; unbonding ${formatTokens(unbonding.amount)} since session ${unbonding.fromSession}, withdrawable from session ${unbonding.withdrawableFromSession}`
}

async function difficultyAction(options: QueryOptions & { service?: string; session?: bigint }) {
  const devnet = await readDevnetDefaults(options.devnetDir)
  const serviceId = options.service ?? devnet?.serviceId
  if (!serviceId) throw noDevnetToDefaultTo(options.devnetDir, '--service')
  const result = await queryDifficulty(await openLedger(options), { serviceId, session: options.session })
  if (options.json) return printJson(result)
  printRows([
    ['service', serviceId],
    ['session', result.session],
    ['target', `0x${result.target.toString(16).padStart(64, '0')}`],
    ['relays mined', `${formatProbability(result.target)} of relays served`],
    ['ema', `${result.ema} relays per session (estimated)`],
  ])
  for (const h of result.history)
    console.log(
      `  settled session ${h.settledSession}: ~${h.estimatedRelays} relays, ema ${h.ema}, ${formatProbability(h.target)} mined from session ${h.fromSession}`,
    )
}

function formatProbability(target: bigint): string {
  return `${(Number((target * 1_000_000n) / maxTarget) / 10_000).toFixed(2)} %`
}
