import type { ServiceSummary } from '../../../api/types.ts'
import { formatInt, formatProbability, formatTokens } from '../app/format.ts'
import { href } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'

/** Every service (model): champion, pricing, difficulty, suppliers, champion earnings. */
export function ServicesPage() {
  const services = useApi<ServiceSummary[]>('api/services')
  return (
    <Page
      title="Services"
      lead="Each service is an open model published by its champion, who earns a share of every settlement."
    >
      <ResourceView resource={services}>
        {(rows) => (
          <DataTable
            caption="Services"
            rows={rows}
            rowKey={(s) => s.serviceKey}
            empty="No service has been added yet."
            columns={[
              { header: 'Service', cell: (s) => <a href={href('services', s.serviceId)}>{s.serviceId}</a> },
              { header: 'Champion', cell: (s) => <Hex value={s.champion} /> },
              { header: 'Model sha256', cell: (s) => <Hex value={s.modelSha256} /> },
              {
                header: 'Pricing (CU per request / in / out)',
                cell: (s) =>
                  s.pricing
                    ? `${s.pricing.cuPerRequest} / ${s.pricing.cuPerInputToken} / ${s.pricing.cuPerOutputToken}`
                    : '—',
              },
              {
                header: 'Relay probability',
                isNumeric: true,
                cell: (s) => (s.difficulty ? formatProbability(s.difficulty.relayProbability) : '100.00 %'),
              },
              { header: 'Suppliers', isNumeric: true, cell: (s) => formatInt(s.suppliers) },
              { header: 'Settled claims', isNumeric: true, cell: (s) => formatInt(s.settledClaims) },
              {
                header: 'Champion earnings (DECAI)',
                isNumeric: true,
                cell: (s) => formatTokens(s.championEarnings, 6),
              },
            ]}
          />
        )}
      </ResourceView>
    </Page>
  )
}
