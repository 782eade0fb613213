import { expect } from 'vitest'
import type { StartExplorerReturnType } from '../../../src/cli/commands/explorer.ts'

/**
 * GETs an explorer API route in-process (`app.request`, no HTTP), expects 200 and returns the JSON.
 *
 * @example
 * const flows = await getApi<FlowsView>(explorer, '/api/flows')
 */
export async function getApi<T>(explorer: StartExplorerReturnType, path: string): Promise<T> {
  const response = await explorer.server.app.request(path)
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}
