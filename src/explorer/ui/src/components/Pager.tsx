import { useRoute } from '../app/router.ts'

/**
 * Links to the older page of a capped list (the API's `nextBefore`), and back to the newest once paged.
 *
 * @example
 * <Pager nextBefore={view.nextBefore} label="Older claims" />
 */
export function Pager({ nextBefore, label }: { nextBefore: string | null; label: string }) {
  const route = useRoute()
  const [base = '#/', query] = route.hash.split('?')
  const isPaged = new URLSearchParams(query ?? '').has('before')
  if (nextBefore === null && !isPaged) return null
  return (
    <nav class="pager" aria-label={`${label}: pages`}>
      {isPaged && <a href={base}>Newest</a>}
      {nextBefore !== null && (
        <a href={`${base}?before=${nextBefore}`} rel="next">
          {label} →
        </a>
      )}
    </nav>
  )
}
