import { formatInt } from '../app/format.ts'

/**
 * Says that a list shows only the latest of its items, when it does: a capped list never passes for all.
 *
 * @example
 * <CapNote shown={view.claimList.length} total={view.claimTotal} noun="claims" />
 */
export function CapNote({
  shown,
  total,
  noun,
  isOlder = false,
}: {
  shown: number
  total: number
  noun: string
  /** An older page of the list (reached with "Older"), not its latest items. */
  isOlder?: boolean
}) {
  if (shown >= total) return null
  return (
    <p class="notice">
      Showing {isOlder ? '' : 'the latest '}
      {formatInt(shown)} {isOlder ? 'older ' : ''}of {formatInt(total)} {noun}.
    </p>
  )
}
