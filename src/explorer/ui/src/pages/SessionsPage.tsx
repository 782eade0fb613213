import type { SessionListView } from '../../../api/types.ts'
import { formatInt } from '../app/format.ts'
import { href, readBefore, useRoute, withBefore } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { DataTable } from '../components/DataTable.tsx'
import { Page } from '../components/Page.tsx'
import { Pager } from '../components/Pager.tsx'
import { ResourceView } from '../components/ResourceView.tsx'

/** The latest sessions with their claims and settlements. */
export function SessionsPage() {
  const sessions = useApi<SessionListView>(withBefore('api/sessions?limit=30', readBefore(useRoute())))
  return (
    <Page
      title="Sessions"
      lead="A session is a fixed number of blocks; its claims settle once its proof window has closed."
    >
      <ResourceView resource={sessions}>
        {(view) => (
          <>
            <DataTable
              caption={`Latest sessions (current: ${view.current})`}
              rows={view.sessions}
              rowKey={(s) => s.number}
              columns={[
                {
                  header: 'Session',
                  isNumeric: true,
                  cell: (s) => <a href={href('sessions', s.number)}>{s.number}</a>,
                },
                { header: 'Claims', isNumeric: true, cell: (s) => formatInt(s.claims) },
                { header: 'Claimed compute units', isNumeric: true, cell: (s) => formatInt(s.computeUnits) },
                { header: 'Settled', isNumeric: true, cell: (s) => formatInt(s.settled) },
                { header: 'Expired', isNumeric: true, cell: (s) => formatInt(s.expired) },
              ]}
            />
            <Pager nextBefore={view.nextBefore} label="Older sessions" />
          </>
        )}
      </ResourceView>
    </Page>
  )
}
