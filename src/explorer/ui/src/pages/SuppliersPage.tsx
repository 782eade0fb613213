import type { QosView, SupplierSummary, UpstreamsView } from '../../../api/types.ts'
import { formatInt, formatTokens } from '../app/format.ts'
import { href } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { UpstreamNotice } from '../components/UpstreamNotice.tsx'

/** Every supplier: stake, activity on the ledger, earnings, QoS score and watcher verdict. */
export function SuppliersPage() {
  const suppliers = useApi<SupplierSummary[]>('api/suppliers')
  const upstreams = useApi<UpstreamsView>('api/upstreams')
  return (
    <Page title="Suppliers" lead="Suppliers stake, serve relays, claim, prove and get paid at settlement.">
      {upstreams.data ? (
        <>
          <UpstreamNotice name="gateway" status={upstreams.data.gateway} />
          <UpstreamNotice name="watcher" status={upstreams.data.watcher} />
        </>
      ) : null}
      <ResourceView resource={suppliers}>
        {(rows) => (
          <DataTable
            caption="Suppliers"
            rows={rows}
            rowKey={(s) => s.operator}
            empty="No supplier has staked yet."
            columns={[
              {
                header: 'Operator',
                cell: (s) => <Hex value={s.operator} href={href('suppliers', s.operator)} />,
              },
              { header: 'Status', cell: (s) => <Badge value={s.status} /> },
              { header: 'Stake (DECAI)', isNumeric: true, cell: (s) => formatTokens(s.stake, 6) },
              { header: 'Services', cell: (s) => s.services.map((v) => v.serviceId).join(', ') || '—' },
              { header: 'Sessions', isNumeric: true, cell: (s) => formatInt(s.sessions) },
              { header: 'Claims', isNumeric: true, cell: (s) => formatInt(s.claims) },
              { header: 'Proofs', isNumeric: true, cell: (s) => formatInt(s.proofs) },
              { header: 'Settlements', isNumeric: true, cell: (s) => formatInt(s.settlements) },
              { header: 'Slashes', isNumeric: true, cell: (s) => formatInt(s.slashes) },
              { header: 'Earned (DECAI)', isNumeric: true, cell: (s) => formatTokens(s.earned, 6) },
              {
                header: 'QoS score',
                isNumeric: true,
                cell: (s) => (s.qos ? formatQos(s.qos) : '—'),
              },
              {
                header: 'Watcher verdict',
                cell: (s) => (s.verdict ? <Badge value={s.verdict.verdict} /> : '—'),
              },
            ]}
          />
        )}
      </ResourceView>
    </Page>
  )
}

// A stale score says so in words: the gateway could not be scraped since it was read.
function formatQos(qos: QosView): string {
  const flags = [qos.isQuarantined && 'quarantined', qos.isStale && 'stale'].filter(Boolean)
  return `${qos.score.toFixed(1)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`
}
