import { useEffect, useState } from 'preact/hooks'

/** The app's location: the URL hash split into path segments (`#/suppliers/0xab` → `['suppliers', '0xab']`). */
export type Route = { segments: string[]; hash: string }

function readRoute(): Route {
  const hash = window.location.hash || '#/'
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? ''
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), hash }
}

/**
 * Follows the URL hash. Hash routing keeps the server simple (it serves one page for every path) and
 * works under any sub-path.
 *
 * @returns the current route
 * @example
 * const { segments } = useRoute()
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute)
  useEffect(() => {
    const onChange = () => setRoute(readRoute())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

/**
 * Builds an app link.
 *
 * @example
 * href('suppliers', '0xab') // '#/suppliers/0xab'
 */
export function href(...segments: (string | number)[]): string {
  return `#/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`
}

/**
 * The cursor of a paged list in the route (`#/flows?before=1200`): the API's `nextBefore` of the page
 * before it, or undefined on the newest page.
 *
 * @example
 * readBefore(useRoute()) // '1200'
 */
export function readBefore(route: Route): string | undefined {
  const query = route.hash.split('?')[1]
  const before = new URLSearchParams(query ?? '').get('before')
  return before && /^\d+$/.test(before) ? before : undefined
}

/**
 * Adds the cursor of a paged list to an API path.
 *
 * @example
 * withBefore('api/flows?limit=50', '1200') // 'api/flows?limit=50&before=1200'
 */
export function withBefore(path: string, before: string | undefined): string {
  if (before === undefined) return path
  return `${path}${path.includes('?') ? '&' : '?'}before=${before}`
}
