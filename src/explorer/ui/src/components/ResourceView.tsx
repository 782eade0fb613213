import type { ComponentChildren } from 'preact'
import type { Resource } from '../app/useApi.ts'

/**
 * Renders a resource: its data, or a loading line, or an error with what went wrong. When a reload fails
 * after data was shown, the data stays and the error is shown above it.
 *
 * @example
 * <ResourceView resource={suppliers}>{(list) => <SupplierTable rows={list} />}</ResourceView>
 */
export function ResourceView<T>({
  resource,
  children,
}: {
  resource: Resource<T>
  children: (data: T) => ComponentChildren
}) {
  const { data, error } = resource
  return (
    <>
      {error ? (
        <p class="error" role="alert">
          Could not load this page's data: {error.message}
        </p>
      ) : null}
      {data !== undefined ? children(data) : error ? null : <p class="loading">Loading…</p>}
    </>
  )
}
