import { href } from '../app/router.ts'
import { Page } from '../components/Page.tsx'

/** Shown for a route the app does not have. */
export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no such page. Go to the <a href={href()}>network overview</a>.
      </p>
    </Page>
  )
}
