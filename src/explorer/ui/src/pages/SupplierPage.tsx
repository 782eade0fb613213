import type { SupplierDetail, UpstreamsView, WatcherReportView } from '../../../api/types.ts'
import { formatInt, formatTime, formatTokens, plural } from '../app/format.ts'
import { href, readBefore, useRoute, withBefore } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { CapNote } from '../components/CapNote.tsx'
import { ClaimTable } from '../components/ClaimTable.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page, Section } from '../components/Page.tsx'
import { Pager } from '../components/Pager.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { Stats } from '../components/Stats.tsx'
import { UpstreamNotice } from '../components/UpstreamNotice.tsx'

/** One supplier: stake and its history, services, revenue shares, claims, QoS and watcher reports. */
export function SupplierPage({ operator }: { operator: string }) {
  const before = readBefore(useRoute())
  const supplier = useApi<SupplierDetail>(withBefore(`api/suppliers/${operator}`, before))
  const upstreams = useApi<UpstreamsView>('api/upstreams')
  return (
    <Page title={`Supplier ${operator.slice(0, 10)}…`}>
      <ResourceView resource={supplier}>
        {(view) => <Supplier view={view} upstreams={upstreams.data} isOlder={before !== undefined} />}
      </ResourceView>
    </Page>
  )
}

function Supplier({
  view,
  upstreams,
  isOlder,
}: {
  view: SupplierDetail
  upstreams: UpstreamsView | undefined
  isOlder: boolean
}) {
  return (
    <>
      <IdentitySection view={view} />
      <ServicesSection view={view} />
      <Section id="claims" title="Claims">
        <CapNote shown={view.claimList.length} total={view.claimTotal} noun="claims" isOlder={isOlder} />
        <ClaimTable
          caption={`${isOlder ? 'Older' : 'Latest'} claims of this supplier`}
          rows={view.claimList}
        />
        <Pager nextBefore={view.nextBefore} label="Older claims" />
      </Section>
      <StakeSection view={view} />
      <Section id="reports" title="Watcher reports">
        {upstreams ? <UpstreamNotice name="watcher" status={upstreams.watcher} /> : null}
        <ReportTable rows={view.reports} />
      </Section>
    </>
  )
}

function IdentitySection({ view }: { view: SupplierDetail }) {
  return (
    <Section id="identity" title="Stake and activity">
      <dl class="pairs">
        <dt>Operator</dt>
        <dd>
          <Hex value={view.operator} full />
        </dd>
        <dt>Owner</dt>
        <dd>
          <Hex value={view.owner} full />
        </dd>
      </dl>
      <Stats
        label="Stake and activity"
        items={[
          {
            label: 'Stake',
            value: `${formatTokens(view.stake, 6)} DECAI`,
            hint: <Badge value={view.status} />,
          },
          {
            label: 'Earned',
            value: `${formatTokens(view.earned, 6)} DECAI`,
            hint: plural(view.settlements, 'settlement'),
          },
          {
            label: 'Claims',
            value: formatInt(view.claims),
            hint: `${plural(view.sessions, 'session')}, ${plural(view.proofs, 'proof')}`,
          },
          {
            label: 'Slashes',
            value: formatInt(view.slashes),
            hint: `${formatTokens(view.slashed, 6)} DECAI slashed`,
          },
          {
            label: 'QoS score',
            value: view.qos ? view.qos.score.toFixed(1) : '—',
            hint: qosHint(view.qos),
          },
        ]}
      />
    </Section>
  )
}

function ServicesSection({ view }: { view: SupplierDetail }) {
  return (
    <Section id="services" title="Services and revenue shares">
      <DataTable
        caption="Services served"
        rows={view.services}
        rowKey={(s) => s.serviceId}
        columns={[
          { header: 'Service', cell: (s) => <a href={href('services', s.serviceId)}>{s.serviceId}</a> },
          { header: 'Endpoint', cell: (s) => <code>{s.endpoint}</code> },
        ]}
      />
      <DataTable
        caption="Revenue shares"
        rows={view.revenueShares}
        rowKey={(r) => r.recipient}
        columns={[
          { header: 'Recipient', cell: (r) => <Hex value={r.recipient} full /> },
          { header: 'Share', isNumeric: true, cell: (r) => `${(r.bps / 100).toFixed(2)} %` },
        ]}
      />
    </Section>
  )
}

function StakeSection({ view }: { view: SupplierDetail }) {
  return (
    <Section id="stake" title="Stake history">
      <DataTable
        caption="Stake changes"
        rows={view.stakeHistory}
        rowKey={(p) => `${p.blockNumber}-${p.reason}-${p.stake}`}
        columns={[
          { header: 'Block', isNumeric: true, cell: (p) => p.blockNumber },
          { header: 'Change', cell: (p) => p.reason },
          { header: 'Stake after (DECAI)', isNumeric: true, cell: (p) => formatTokens(p.stake, 6) },
        ]}
      />
    </Section>
  )
}

/**
 * Watcher reports as a table.
 *
 * @example
 * <ReportTable rows={reports} />
 */
export function ReportTable({ rows }: { rows: WatcherReportView[] }) {
  return (
    <DataTable
      caption="Watcher reports"
      rows={rows}
      rowKey={(r) => `${r.supplier}-${r.decidedAtMs}-${r.check}-${r.verdict}`}
      empty="No watcher report about this supplier."
      columns={[
        { header: 'Decided', cell: (r) => formatTime(r.decidedAtMs) },
        { header: 'Supplier', cell: (r) => <Hex value={r.supplier} href={href('suppliers', r.supplier)} /> },
        { header: 'Service', cell: (r) => r.serviceId ?? '—' },
        { header: 'Check', cell: (r) => r.check ?? '—' },
        { header: 'Verdict', cell: (r) => <Badge value={r.verdict} /> },
        { header: 'Signature', cell: signatureText },
        { header: 'On chain', isProse: true, cell: (r) => <CommitmentCell report={r} /> },
        { header: 'Summary', isProse: true, cell: (r) => r.summary ?? '—' },
        { header: 'Reason', isProse: true, cell: (r) => r.reason ?? '—' },
      ]}
    />
  )
}

function signatureText(report: WatcherReportView): string {
  if (report.isVerified === true) return 'verified'
  if (report.isVerified === false) return 'does not verify'
  return report.isSigned ? 'signed (not checked)' : 'unsigned'
}

// Where the report's hash was committed (WatcherReports), or that no commitment was found.
function CommitmentCell({ report }: { report: WatcherReportView }) {
  const { commitment } = report
  if (commitment.status === 'committed')
    return (
      <span>
        committed in block {formatInt(commitment.blockNumber)}, tx <Hex value={commitment.transactionHash} />
        {report.watcher !== null && commitment.committer !== report.watcher ? (
          <>
            {' '}
            by <Hex value={commitment.committer} />
          </>
        ) : null}
      </span>
    )
  if (commitment.status === 'not-found') return <Badge value="not committed" />
  return `unknown (${commitment.reason})`
}

function qosHint(qos: SupplierDetail['qos']): string {
  const source = qos?.isStale ? 'stale: the gateway cannot be reached' : 'from the gateway'
  return qos?.isQuarantined ? `quarantined, ${source}` : source
}
