import type { EventRow, OverviewView } from '../../../api/types.ts'
import { formatInt, formatRate, formatTime, formatTokens, plural } from '../app/format.ts'
import { href } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Page, Section } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { Stats } from '../components/Stats.tsx'
import { UpstreamNotice } from '../components/UpstreamNotice.tsx'

/** The overview: chain head, current session, relay rates, token totals, counts and recent activity. */
export function OverviewPage() {
  const overview = useApi<OverviewView>('api/overview', 'head')
  return (
    <Page title="Network overview">
      <ResourceView resource={overview}>{(view) => <Overview view={view} />}</ResourceView>
    </Page>
  )
}

function Overview({ view }: { view: OverviewView }) {
  return (
    <>
      <ChainSection view={view} />
      <RelaysSection view={view} />
      <TokensSection view={view} />
      <CountsSection view={view} />
      <Section id="activity" title="Recent activity">
        <RecentActivity rows={view.recent} />
      </Section>
    </>
  )
}

function ChainSection({ view }: { view: OverviewView }) {
  const n = Number(view.network.numBlocksPerSession)
  return (
    <Section id="chain" title="Chain">
      <ChainNotice view={view} />
      <Stats
        label="Chain"
        items={[
          {
            label: 'Block height',
            value: view.head ? formatInt(view.head.height) : 'unknown',
            hint: `indexed: ${view.indexedHeight ?? '—'}`,
          },
          {
            label: 'Current session',
            value: view.session ? (
              <a href={href('sessions', view.session.number)}>{view.session.number}</a>
            ) : (
              'unknown'
            ),
            hint: view.session
              ? `blocks ${view.session.startHeight}–${view.session.endHeight}, ${view.session.blocksLeft} left`
              : 'needs the chain head',
          },
          { label: 'Chain id', value: String(view.network.chainId), hint: `${n} blocks per session` },
        ]}
      />
      {view.session && <SessionProgress session={view.session} blocksPerSession={n} />}
    </Section>
  )
}

// Figures below the head come from the index: say how old they are when the node cannot be read.
function ChainNotice({ view }: { view: OverviewView }) {
  if (view.chain.state === 'reachable' && view.head) return null
  const since = view.chain.state === 'unreachable' ? ` since ${formatTime(view.chain.sinceMs)}` : ''
  return (
    <p class="notice notice-warn">
      The chain node {since ? `has not answered${since}` : 'cannot be read'}. The figures below are as indexed
      up to block {view.indexedHeight ?? '—'} (last read {formatTime(view.chain.lastSyncedAtMs)}).
    </p>
  )
}

function SessionProgress({
  session,
  blocksPerSession,
}: {
  session: NonNullable<OverviewView['session']>
  blocksPerSession: number
}) {
  const elapsed = blocksPerSession - Number(session.blocksLeft)
  return (
    <progress
      class="session-progress"
      max={blocksPerSession}
      value={Math.max(0, elapsed)}
      aria-label={`Session ${session.number} progress`}
    >
      {elapsed} of {blocksPerSession} blocks
    </progress>
  )
}

function RelaysSection({ view }: { view: OverviewView }) {
  return (
    <Section id="traffic" title="Relays">
      <Stats
        label="Relays"
        items={[
          { label: 'Relays per second (gateway)', value: formatRate(view.relays.gatewayPerSecond) },
          {
            label: 'Estimated relays, last settled session',
            value: view.relays.lastSettled ? formatInt(view.relays.lastSettled.estimatedRelays) : '—',
            hint: view.relays.lastSettled
              ? lastSettledHint(view.relays.lastSettled)
              : 'no session settled yet',
          },
        ]}
      />
      <UpstreamNotice name="gateway" status={view.gateway} />
    </Section>
  )
}

function lastSettledHint(last: NonNullable<OverviewView['relays']['lastSettled']>): string {
  const rate =
    last.perSecond === null ? 'rate unknown (no block times)' : `≈${formatRate(last.perSecond)} per second`
  return `session ${last.session}, ${rate}`
}

function TokensSection({ view }: { view: OverviewView }) {
  const tokens = (amount: string) => `${formatTokens(amount, view.network.tokenDecimals)} DECAI`
  return (
    <Section id="tokens" title="Tokens">
      <Stats
        label="Tokens"
        items={[
          {
            label: 'Burned',
            value: tokens(view.tokens.burned),
            hint: plural(view.tokens.settledClaims, 'settled claim'),
          },
          {
            label: 'Minted',
            value: tokens(view.tokens.minted),
            hint: `inflation: ${tokens(view.tokens.inflationMinted)}`,
          },
          {
            label: 'Slashed',
            value: tokens(view.tokens.slashed),
            hint: `${plural(view.tokens.expiredClaims, 'claim')} without a required proof`,
          },
        ]}
      />
      <p>
        <a href={href('flows')}>Token flows of recent settlements</a>
      </p>
    </Section>
  )
}

function CountsSection({ view }: { view: OverviewView }) {
  return (
    <Section id="counts" title="Participants">
      <Stats
        label="Participants"
        items={[
          { label: 'Services', value: <a href={href('services')}>{view.counts.services}</a> },
          { label: 'Suppliers', value: <a href={href('suppliers')}>{view.counts.suppliers}</a> },
          { label: 'Applications', value: <a href={href('applications')}>{view.counts.applications}</a> },
          { label: 'Gateways', value: String(view.counts.gateways) },
          { label: 'Claims', value: String(view.counts.claims), hint: plural(view.counts.proofs, 'proof') },
        ]}
      />
    </Section>
  )
}

function RecentActivity({ rows }: { rows: EventRow[] }) {
  if (rows.length === 0) return <p class="empty">No ledger events yet.</p>
  return (
    <ol class="activity">
      {rows.map((row) => (
        <li key={row.id}>
          <span class="activity-block">block {row.blockNumber}</span>{' '}
          {row.href ? <a href={row.href}>{row.summary}</a> : row.summary}
        </li>
      ))}
    </ol>
  )
}
