import type { ServiceDetail } from '../../../api/types.ts'
import {
  formatInt,
  formatProbability,
  formatTokenNumber,
  formatTokens,
  plural,
  toTokenNumber,
} from '../app/format.ts'
import { href } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Chart, chartColors } from '../components/Chart.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page, Section } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'

/** One service: its model artifact, pricing, the difficulty control law over time, champion earnings. */
export function ServicePage({ serviceId }: { serviceId: string }) {
  const service = useApi<ServiceDetail>(`api/services/${encodeURIComponent(serviceId)}`)
  return (
    <Page title={`Service ${serviceId}`}>
      <ResourceView resource={service}>{(view) => <Service view={view} />}</ResourceView>
    </Page>
  )
}

function Service({ view }: { view: ServiceDetail }) {
  return (
    <>
      <ModelSection view={view} />
      <PricingSection view={view} />
      <DifficultySection view={view} />
      <EarningsSection view={view} />
      <SuppliersSection view={view} />
    </>
  )
}

function ModelSection({ view }: { view: ServiceDetail }) {
  return (
    <Section id="model" title="Model and champion">
      <dl class="pairs">
        <dt>Champion</dt>
        <dd>
          <Hex value={view.champion} full />
        </dd>
        <dt>Model sha256</dt>
        <dd>
          <Hex value={view.modelSha256} full />
        </dd>
        <dt>Service key</dt>
        <dd>
          <Hex value={view.serviceKey} full />
        </dd>
        <dt>Champion earnings</dt>
        <dd>
          {formatTokens(view.championEarnings, 6)} DECAI from {plural(view.settledClaims, 'settled claim')}
        </dd>
      </dl>
      <h3>Artifact URIs</h3>
      {view.modelUris.length === 0 ? (
        <p class="empty">None registered.</p>
      ) : (
        <ul class="uris">
          {view.modelUris.map((uri) => (
            <li key={uri}>
              <code>{uri}</code>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function PricingSection({ view }: { view: ServiceDetail }) {
  return (
    <Section id="pricing" title="Pricing">
      <DataTable
        caption="Pricing schedule"
        rows={view.pricingHistory}
        rowKey={(p) => `${p.fromSession}-${p.cuPerRequest}-${p.cuPerInputToken}-${p.cuPerOutputToken}`}
        columns={[
          { header: 'From session', isNumeric: true, cell: (p) => p.fromSession },
          { header: 'CU per request', isNumeric: true, cell: (p) => formatInt(p.cuPerRequest) },
          { header: 'CU per input token', isNumeric: true, cell: (p) => formatInt(p.cuPerInputToken) },
          { header: 'CU per output token', isNumeric: true, cell: (p) => formatInt(p.cuPerOutputToken) },
          {
            header: 'Champion share',
            isNumeric: true,
            cell: (p) => `${(p.championBps / 100).toFixed(2)} %`,
          },
        ]}
      />
    </Section>
  )
}

function DifficultySection({ view }: { view: ServiceDetail }) {
  return (
    <Section id="difficulty" title="Difficulty and estimated volume">
      <DifficultyChart view={view} />
    </Section>
  )
}

// A long history is sampled by session (server side), so the count comes from the sums, not the points.
function earningsSummary(view: ServiceDetail): string {
  const total = `The champion has earned ${formatTokens(view.championEarnings, 6)} DECAI over ${view.settledClaims} settled claims.`
  if (view.earnings.length >= view.settledClaims) return total
  return `${total} The chart shows ${view.earnings.length} of them, the last of each span of sessions.`
}

function EarningsSection({ view }: { view: ServiceDetail }) {
  return (
    <Section id="earnings" title="Champion earnings">
      <Chart
        title="Champion earnings over time"
        summary={earningsSummary(view)}
        x={{ label: 'Session', values: view.earnings.map((e) => Number(e.session)) }}
        y={{ label: 'DECAI', format: formatTokenNumber }}
        series={[
          {
            label: 'Cumulative earnings',
            kind: 'step',
            color: chartColors.green,
            values: view.earnings.map((e) => toTokenNumber(e.cumulative, 6)),
            format: formatTokenNumber,
          },
          {
            label: 'Per claim',
            kind: 'bars',
            color: chartColors.sky,
            values: view.earnings.map((e) => toTokenNumber(e.amount, 6)),
            format: formatTokenNumber,
          },
        ]}
      />
    </Section>
  )
}

function SuppliersSection({ view }: { view: ServiceDetail }) {
  return (
    <Section id="suppliers" title="Suppliers">
      <DataTable
        caption="Suppliers staked for this service"
        rows={view.supplierList}
        rowKey={(s) => s.operator}
        empty="No supplier serves this service."
        columns={[
          {
            header: 'Operator',
            cell: (s) => <Hex value={s.operator} href={href('suppliers', s.operator)} />,
          },
          { header: 'Endpoint', cell: (s) => <code>{s.endpoint}</code> },
          { header: 'From session', isNumeric: true, cell: (s) => s.fromSession },
        ]}
      />
    </Section>
  )
}

function DifficultyChart({ view }: { view: ServiceDetail }) {
  const points = view.difficultyHistory
  const latest = points.at(-1)
  return (
    <Chart
      title="Difficulty and estimated volume per session"
      summary={
        latest
          ? `After session ${latest.settledSession}, about ${latest.estimatedRelays} relays were estimated and the relay probability became ${formatProbability(latest.relayProbability)} from session ${latest.fromSession}.`
          : 'No session of this service has settled yet.'
      }
      x={{ label: 'Settled session', values: points.map((p) => Number(p.settledSession)) }}
      y={{ label: 'Relays per session' }}
      y2={{ label: 'Relay probability', min: 0, max: 1, format: formatProbability }}
      series={[
        {
          label: 'Estimated relays',
          color: chartColors.blue,
          values: points.map((p) => Number(p.estimatedRelays)),
          format: (v) => formatInt(Math.round(v)),
        },
        {
          label: 'EMA',
          color: chartColors.orange,
          values: points.map((p) => Number(p.ema)),
          format: (v) => formatInt(Math.round(v)),
        },
        {
          label: 'Relay probability',
          scale: 'y2',
          kind: 'step',
          color: chartColors.vermillion,
          values: points.map((p) => p.relayProbability),
          format: formatProbability,
        },
      ]}
    />
  )
}
