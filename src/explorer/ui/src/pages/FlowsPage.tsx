import type { FlowRow, FlowsView } from '../../../api/types.ts'
import { formatTokenNumber, formatTokens, plural, toTokenNumber } from '../app/format.ts'
import { href, readBefore, useRoute, withBefore } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { Chart, chartColors } from '../components/Chart.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page, Section } from '../components/Page.tsx'
import { Pager } from '../components/Pager.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { Stats } from '../components/Stats.tsx'

/** The token flows of recent settlements: burned from applications, minted to suppliers, champions, the DAO. */
export function FlowsPage() {
  const before = readBefore(useRoute())
  const flows = useApi<FlowsView>(withBefore('api/flows?limit=50', before))
  return (
    <Page
      title="Token flows"
      lead="At settlement, the application's stake is burned and new tokens are minted to the supplier's revenue shares, the service's champion and the DAO."
    >
      <ResourceView resource={flows}>
        {(view) => <Flows view={view} isOlder={before !== undefined} />}
      </ResourceView>
    </Page>
  )
}

function Flows({ view, isOlder }: { view: FlowsView; isOlder: boolean }) {
  const t = view.totals
  return (
    <>
      <Stats
        label="All-time totals"
        items={[
          {
            label: 'Burned',
            value: `${formatTokens(t.burned, 6)} DECAI`,
            hint: plural(t.settledClaims, 'settled claim'),
          },
          { label: 'Minted', value: `${formatTokens(t.minted, 6)} DECAI` },
          {
            label: 'Slashed',
            value: `${formatTokens(t.slashed, 6)} DECAI`,
            hint: `${plural(t.expiredClaims, 'claim')} without a required proof`,
          },
        ]}
      />
      <Section id="chart" title="Recent settlements">
        <FlowChart rows={[...view.settlements].reverse()} />
      </Section>
      <SettlementsSection view={view} isOlder={isOlder} />
    </>
  )
}

function SettlementsSection({ view, isOlder }: { view: FlowsView; isOlder: boolean }) {
  return (
    <Section id="table" title="Settlements">
      <DataTable
        caption={`${isOlder ? 'Older' : 'Recent'} settlements, newest first`}
        rows={view.settlements}
        rowKey={(r) => r.claimKey}
        empty="No claim has settled yet."
        columns={[
          { header: 'Block', isNumeric: true, cell: (r) => r.blockNumber },
          {
            header: 'Session',
            isNumeric: true,
            cell: (r) => <a href={href('sessions', r.session)}>{r.session}</a>,
          },
          { header: 'Service', cell: (r) => r.serviceId ?? '—' },
          {
            header: 'Supplier',
            cell: (r) => <Hex value={r.supplier} href={href('suppliers', r.supplier)} />,
          },
          { header: 'Outcome', cell: (r) => <Badge value={r.outcome} /> },
          { header: 'Burned', isNumeric: true, cell: (r) => formatTokens(r.burned, 6) },
          { header: 'To supplier', isNumeric: true, cell: (r) => formatTokens(r.toSupplier, 6) },
          { header: 'To champion', isNumeric: true, cell: (r) => formatTokens(r.toChampion, 6) },
          { header: 'To DAO', isNumeric: true, cell: (r) => formatTokens(r.toDao, 6) },
          { header: 'Slashed', isNumeric: true, cell: (r) => formatTokens(r.slashed, 6) },
        ]}
      />
      <Pager nextBefore={view.nextBefore} label="Older settlements" />
    </Section>
  )
}

// Stacked bars: uPlot draws series in order, so each bar is drawn at its cumulative height, tallest first,
// and the legend and table show each part's own amount.
function FlowChart({ rows }: { rows: FlowRow[] }) {
  const tokens = (values: string[]) => values.map((v) => toTokenNumber(v, 6))
  const supplier = tokens(rows.map((r) => r.toSupplier))
  const champion = tokens(rows.map((r) => r.toChampion))
  const dao = tokens(rows.map((r) => r.toDao))
  const format = formatTokenNumber
  return (
    <Chart
      title="Where each settlement's tokens went"
      summary={`${rows.length} settlements, oldest to newest: minted amounts to suppliers, champions and the DAO, with the amount burned from the application.`}
      x={{ label: 'Settlement', values: rows.map((_, i) => i + 1), format: (v) => `#${v}` }}
      y={{ label: 'DECAI', format }}
      series={[
        {
          label: 'To DAO',
          kind: 'bars',
          color: chartColors.purple,
          values: dao.map((d, i) => d + champion[i]! + supplier[i]!),
          shown: dao,
          format,
        },
        {
          label: 'To champion',
          kind: 'bars',
          color: chartColors.orange,
          values: champion.map((c, i) => c + supplier[i]!),
          shown: champion,
          format,
        },
        { label: 'To supplier', kind: 'bars', color: chartColors.blue, values: supplier, format },
        {
          label: 'Burned',
          kind: 'points',
          color: chartColors.vermillion,
          values: tokens(rows.map((r) => r.burned)),
          format,
        },
      ]}
    />
  )
}
