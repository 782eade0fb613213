import type { ApplicationSummary } from '../../../api/types.ts'
import { formatTokens } from '../app/format.ts'
import { href } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'

/** Every application: its service, stake, what settlement has burned from it, its gateways. */
export function ApplicationsPage() {
  const applications = useApi<ApplicationSummary[]>('api/applications')
  return (
    <Page
      title="Applications"
      lead="Applications stake for one service and pay for relays by burning stake at settlement."
    >
      <ResourceView resource={applications}>
        {(rows) => (
          <DataTable
            caption="Applications"
            rows={rows}
            rowKey={(a) => a.application}
            empty="No application has staked yet."
            columns={[
              {
                header: 'Application',
                cell: (a) => <Hex value={a.application} href={href('applications', a.application)} />,
              },
              { header: 'Service', cell: (a) => <a href={href('services', a.serviceId)}>{a.serviceId}</a> },
              { header: 'Status', cell: (a) => <Badge value={a.status} /> },
              { header: 'Stake (DECAI)', isNumeric: true, cell: (a) => formatTokens(a.stake, 6) },
              { header: 'Spent (DECAI)', isNumeric: true, cell: (a) => formatTokens(a.burned, 6) },
              { header: 'Gateways', isNumeric: true, cell: (a) => String(a.gateways.length) },
            ]}
          />
        )}
      </ResourceView>
    </Page>
  )
}
