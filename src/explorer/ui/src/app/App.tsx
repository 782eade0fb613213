import type { ComponentChildren } from 'preact'
import { ApplicationPage } from '../pages/ApplicationPage.tsx'
import { ApplicationsPage } from '../pages/ApplicationsPage.tsx'
import { FlowsPage } from '../pages/FlowsPage.tsx'
import { NotFoundPage } from '../pages/NotFoundPage.tsx'
import { OverviewPage } from '../pages/OverviewPage.tsx'
import { ServicePage } from '../pages/ServicePage.tsx'
import { ServicesPage } from '../pages/ServicesPage.tsx'
import { SessionPage } from '../pages/SessionPage.tsx'
import { SessionsPage } from '../pages/SessionsPage.tsx'
import { SupplierPage } from '../pages/SupplierPage.tsx'
import { SuppliersPage } from '../pages/SuppliersPage.tsx'
import { WatcherPage } from '../pages/WatcherPage.tsx'
import { formatClock } from './format.ts'
import { useLive } from './live.tsx'
import { href, type Route, useRoute } from './router.ts'

const sections = [
  { segment: '', label: 'Overview' },
  { segment: 'services', label: 'Services' },
  { segment: 'suppliers', label: 'Suppliers' },
  { segment: 'applications', label: 'Applications' },
  { segment: 'sessions', label: 'Sessions' },
  { segment: 'flows', label: 'Token flows' },
  { segment: 'watcher', label: 'Watcher' },
]

/**
 * The app shell: skip link, banner with the main navigation and the live status, the page, and a footer.
 *
 * @example
 * render(<LiveProvider><App /></LiveProvider>, root)
 */
export function App() {
  const route = useRoute()
  const current = route.segments[0] ?? ''
  return (
    <>
      <button type="button" class="skip-link" onClick={skipToMain}>
        Skip to content
      </button>
      <header class="banner">
        <a class="brand" href={href()}>
          decai explorer
        </a>
        <nav aria-label="Main">
          <ul>
            {sections.map((s) => (
              <li key={s.segment}>
                <a
                  href={href(...(s.segment ? [s.segment] : []))}
                  aria-current={s.segment === current ? 'page' : undefined}
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LiveStatus />
      </header>
      <main id="main" tabIndex={-1}>
        <PageFor route={route} />
      </main>
      <footer class="footer">
        <p>
          Data from the ledger's events (indexed), the gateway's metrics and the watcher's reports. JSON at{' '}
          <a href="api/overview">/api</a>.
        </p>
      </footer>
    </>
  )
}

// A button, not a link to #main: the URL hash is the route here.
function skipToMain() {
  document.getElementById('main')?.focus()
}

function PageFor({ route }: { route: Route }): ComponentChildren {
  const [section, id] = route.segments
  const pages: Record<string, () => ComponentChildren> = {
    '': () => <OverviewPage />,
    services: () => (id ? <ServicePage key={id} serviceId={id} /> : <ServicesPage />),
    suppliers: () => (id ? <SupplierPage key={id} operator={id} /> : <SuppliersPage />),
    applications: () => (id ? <ApplicationPage key={id} address={id} /> : <ApplicationsPage />),
    sessions: () => (id ? <SessionPage key={id} session={id} /> : <SessionsPage />),
    flows: () => <FlowsPage />,
    watcher: () => <WatcherPage />,
  }
  return (pages[section ?? ''] ?? (() => <NotFoundPage />))()
}

function LiveStatus() {
  const live = useLive()
  const chain = live.chain
  const isChainDown = live.connection === 'live' && chain?.state === 'unreachable'
  const label = isChainDown
    ? `Chain unreachable since ${formatClock(chain.sinceMs)}`
    : live.connection === 'live'
      ? 'Live'
      : live.connection === 'connecting'
        ? 'Connecting…'
        : 'Reconnecting…'
  return (
    <div class="live">
      <span class={`live-dot live-${isChainDown ? 'down' : live.connection}`} aria-hidden="true" />
      <span class="live-label">
        {label}
        {live.indexedHeight ? ` · ${isChainDown ? 'indexed to' : 'block'} ${live.indexedHeight}` : ''}
      </span>
      {/* Announced politely, only when the ledger changed (not on every block) or the chain was lost. */}
      <p class="visually-hidden" role="status" aria-live="polite">
        {isChainDown
          ? 'The chain node cannot be reached: figures stay as last indexed.'
          : live.eventsVersion > 0
            ? `Updated: ${live.lastEventNames.join(', ')}`
            : ''}
      </p>
    </div>
  )
}
