import { useEffect, useState } from 'preact/hooks'
import { type ApiRequestError, getJson } from './api.ts'
import { useLive } from './live.tsx'

/** An API resource as a page sees it. */
export type Resource<T> = {
  data: T | undefined
  error: ApiRequestError | Error | undefined
  isLoading: boolean
}

/**
 * Loads an API path and reloads it when the ledger changes (`events`), or also when the head moves
 * (`head`), and after the live stream reconnects. While reloading, the previous data stays on screen so the page does not flicker.
 *
 * @param path - the API path, e.g. `api/suppliers`
 * @param refreshOn - which live messages trigger a reload
 * @returns data, error and whether a request is in flight
 * @example
 * const { data, error } = useApi<SupplierSummary[]>('api/suppliers')
 */
export function useApi<T>(path: string, refreshOn: 'events' | 'head' = 'events'): Resource<T> {
  const live = useLive()
  const trigger = live.reconnectVersion + live.eventsVersion + (refreshOn === 'head' ? live.headVersion : 0)
  const [state, setState] = useState<Resource<T> & { path: string }>({
    path,
    data: undefined,
    error: undefined,
    isLoading: true,
  })
  useEffect(() => {
    const controller = new AbortController()
    setState((s) =>
      s.path === path
        ? { ...s, isLoading: true }
        : { path, data: undefined, error: undefined, isLoading: true },
    )
    getJson<T>(path, controller.signal).then(
      (data) => setState({ path, data, error: undefined, isLoading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState((s) => ({
          ...s,
          error: error instanceof Error ? error : new Error(String(error)),
          isLoading: false,
        }))
      },
    )
    return () => controller.abort()
  }, [path, trigger])
  return state.path === path ? state : { data: undefined, error: undefined, isLoading: true }
}
