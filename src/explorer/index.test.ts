import { describe, expect, it } from 'vitest'
import * as explorer from './index.ts'

describe('explorer entry point', () => {
  it('behavior: the public exports are pinned', () => {
    // Pinned so that a change to the public surface is a visible, reviewed change.
    expect(Object.keys(explorer).sort()).toMatchInlineSnapshot(`
      [
        "ExplorerAssetsMissingError",
        "ExplorerChainUnavailableError",
        "ExplorerInvalidRequestError",
        "ExplorerNotFoundError",
        "ExplorerUpstreamFailedError",
        "createExplorerServer",
        "defaultAssetsDir",
      ]
    `)
  })
})
