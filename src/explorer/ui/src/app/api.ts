import type { ApiError } from '../../../api/types.ts'

/** An API answer that was not 2xx, with the server's error code. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

/**
 * GETs an API path (relative to the page, so the explorer can live under a sub-path) and parses its JSON.
 *
 * @param path - e.g. `api/overview`
 * @param signal - aborts the request when the page changes
 * @returns the decoded body
 * @throws {ApiRequestError} when the server answered an error
 * @example
 * const overview = await getJson<OverviewView>('api/overview')
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal })
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiError | undefined
    throw new ApiRequestError(
      response.status,
      body?.error.code ?? 'HTTP_ERROR',
      body?.error.message ?? `The server answered ${response.status}.`,
    )
  }
  return (await response.json()) as T
}
