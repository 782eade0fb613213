/**
 * @module explorer
 *
 * The network explorer: a web app that shows decai's state and money flows — services and their
 * champions, suppliers, applications, sessions with their claims and revealed proof leaves, settlements'
 * token flows — updated live.
 *
 * - **server** (`createExplorerServer`): a JSON API over indexed ledger events, Server-Sent Events for live
 *   updates, and the built browser app. It reads the chain only through the {@link ExplorerDataSource}
 *   port declared here (`decai explorer` implements it over `src/chain`), and the gateway's metrics and the
 *   watcher's reports over their public HTTP APIs.
 * - **ui** (`src/explorer/ui`): the browser app (Preact, uPlot), built with Vite into `ui/dist`, which is
 *   committed so that serving needs no build step and no download.
 *
 * It depends only on `src/protocol` and npm packages. See docs/explorer.md.
 */
export type * from './api/types.ts'
export {
  ExplorerAssetsMissingError,
  ExplorerChainUnavailableError,
  ExplorerInvalidRequestError,
  ExplorerNotFoundError,
  ExplorerUpstreamFailedError,
} from './errors.ts'
export type {
  ExplorerDataSource,
  ExplorerEvent,
  ExplorerEventQuery,
  ExplorerEventQueryOptions,
  ExplorerNetwork,
  ExplorerSessionMember,
  ExplorerSessionMembers,
  ExplorerSyncStatus,
} from './ports.ts'
export {
  type CreateExplorerServerParameters,
  createExplorerServer,
  defaultAssetsDir,
  type ExplorerServer,
} from './server/createExplorerServer.ts'
export type { WatcherReportVerifier } from './server/upstreams/parseWatcherReports.ts'
