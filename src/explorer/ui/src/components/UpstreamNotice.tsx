import type { UpstreamStatus } from '../../../api/types.ts'
import { formatTime } from '../app/format.ts'

// What the pages keep showing from the last good fetch, and what they drop.
const staleNote = {
  gateway: ': QoS scores shown are from then (marked stale); the relay rate is not shown.',
  watcher: ': the reports and verdicts shown are from then.',
}

/**
 * Says where a column's data comes from, or why it is missing: an upstream API that is not configured or
 * cannot be reached.
 *
 * @example
 * <UpstreamNotice name="watcher" status={watcher.upstream} />
 */
export function UpstreamNotice({ name, status }: { name: 'gateway' | 'watcher'; status: UpstreamStatus }) {
  if (status.state === 'not-configured')
    return (
      <p class="notice">
        No {name} configured{name === 'watcher' ? '' : ': QoS scores and live relay rates are not shown'}.
        Start the explorer with <code>--{name}-url</code> to show them.
      </p>
    )
  if (status.state === 'unreachable')
    return (
      <p class="notice notice-warn">
        The {name} at <code>{status.url}</code> cannot be reached ({status.error}).{' '}
        {status.fetchedAtMs === null
          ? 'No data from it yet.'
          : `Last data at ${formatTime(status.fetchedAtMs)}${staleNote[name]}`}
      </p>
    )
  return (
    <p class="notice">
      From the {name} at <code>{status.url}</code>, fetched {formatTime(status.fetchedAtMs)}.
    </p>
  )
}
