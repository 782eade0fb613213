import { formatInt } from '../app/format.ts'

/**
 * Says that a list shows only the latest of its items, when it does: a capped list never passes for all.
 *
 * @example
 * <CapNote shown={view.claimList.length} total={view.claimTotal} noun="claims" />
 */
export function CapNote({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  if (shown >= total) return null
  return (
    <p class="notice">
      Showing the latest {formatInt(shown)} of {formatInt(total)} {noun}.
    </p>
  )
}
