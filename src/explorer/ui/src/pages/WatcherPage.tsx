import type { WatcherView } from '../../../api/types.ts'
import { useApi } from '../app/useApi.ts'
import { Page } from '../components/Page.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { UpstreamNotice } from '../components/UpstreamNotice.tsx'
import { ReportTable } from './SupplierPage.tsx'

/** The watcher's published reports: covert audits of suppliers' model identity, quality and metering. */
export function WatcherPage() {
  const watcher = useApi<WatcherView>('api/watcher', 'head')
  return (
    <Page
      title="Watcher reports"
      lead="Watchers audit suppliers while posing as ordinary traffic, and publish signed verdicts."
    >
      <ResourceView resource={watcher}>
        {(view) => (
          <>
            <UpstreamNotice name="watcher" status={view.upstream} />
            {view.upstream.state === 'not-configured' ? null : <ReportTable rows={view.reports} />}
          </>
        )}
      </ResourceView>
    </Page>
  )
}
