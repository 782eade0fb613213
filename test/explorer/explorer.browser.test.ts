/**
 * The explorer in headless Chromium against a real devnet: anvil with the ledger, two services, a gateway,
 * an application and two suppliers that went through whole session → claim → proof → settlement cycles
 * (one supplier withheld its proof and was slashed). Every page renders that data; a new settlement appears
 * live; screenshots go to test-output/explorer/.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import { type StartRpcProxyReturnType, startRpcProxy } from '../../src/chain/testing/startRpcProxy.ts'
import { type StartExplorerReturnType, startExplorer } from '../../src/cli/commands/explorer.ts'
import type { FlowsView, OverviewView } from '../../src/explorer/index.ts'
import { commitReport } from './support/commitReport.ts'
import { launchChromium, readText } from './support/launchChromium.ts'
import {
  type ExplorerDevnet,
  idleServiceId,
  serviceId,
  startExplorerDevnet,
} from './support/startExplorerDevnet.ts'
import { type FakeUpstreams, startFakeUpstreams } from './support/startFakeUpstreams.ts'

const outputDir = join(import.meta.dirname, '../../test-output/explorer')
let dir: string
let net: ExplorerDevnet
let upstreams: FakeUpstreams
let explorer: StartExplorerReturnType
let proxy: StartRpcProxyReturnType
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
const problems: string[] = []
const figures: Record<string, number> = {}

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true })
  dir = await mkdtemp(join(tmpdir(), 'decai-explorer-browser-'))
  net = await startExplorerDevnet()
  await net.runSession([
    { role: 'operatorA', relays: 8, shouldProve: true },
    { role: 'operatorB', relays: 5, shouldProve: false },
  ])
  await net.runSession([{ role: 'operatorA', relays: 8, shouldProve: true }])
  upstreams = await startFakeUpstreams({
    good: net.address('operatorA'),
    bad: net.address('operatorB'),
    watcherKey: anvilDevPrivateKeys[9],
  })
  // The watcher committed its failing verdict on chain; the other reports were not committed.
  await commitReport(net, upstreams.reports.bad, anvilDevPrivateKeys[9])
  // The explorer reads the chain through a proxy that can play a dead node.
  proxy = await startRpcProxy(net.chain.rpcUrl)
  explorer = await startExplorer({
    manifest: net.manifest,
    rpcUrl: proxy.url,
    port: 0,
    dataDir: dir,
    gatewayUrl: upstreams.gatewayUrl,
    watcherUrl: upstreams.watcherUrl,
  })
  await explorer.server.refreshUpstreams()
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('console', (message) => {
    // The live stream retrying while the explorer restarts (a test below) is not a failure of the page.
    if (message.type() === 'error' && !message.location().url.endsWith('/api/stream'))
      problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    // An EventSource closed by navigation is not a failure of the page.
    if (!request.url().endsWith('/api/stream')) problems.push(`request failed: ${request.url()}`)
  })
})

afterAll(async () => {
  await browser?.close()
  await explorer?.stop()
  await proxy?.close()
  await upstreams?.stop()
  await net?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
  writeFileSync(join(outputDir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`)
})

async function open(route: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${explorer.url}${route}`)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  await page.locator('.loading').first().waitFor({ state: 'detached' })
}

// Every page screenshot also checks the layout at the laptop width (1366 px): nothing scrolls the page
// sideways, and only tables that do overflow their box are tab stops (labelled scroll regions).
async function screenshot(name: string): Promise<void> {
  const layout = await page.evaluate<{ pageOverflowPx: number; tables: boolean[] }>(
    `(() => ({
      pageOverflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.table-scroll')].map(
        (t) => (t.scrollWidth > t.clientWidth + 1) === (t.tabIndex === 0 && t.hasAttribute('aria-label')),
      ),
    }))()`,
  )
  expect(layout.pageOverflowPx, `${name}: page wider than the window`).toBeLessThanOrEqual(0)
  expect(layout.tables.every(Boolean), `${name}: tab stops of the tables`).toBe(true)
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true })
}

const getApi = async <T>(path: string) => (await (await fetch(`${explorer.url}${path}`)).json()) as T
const text = (selector: string) => readText(page.locator(selector))

describe('explorer in Chromium on a devnet', () => {
  it('behavior: the overview shows height, current session, relay rates and tokens burned and minted', async () => {
    await open('', 'Network overview')
    // Evaluated in the page (a string: this file is compiled without the DOM library). Figures only.
    const timing = await page.evaluate<Record<string, number>>(
      `(() => {
        const [nav] = performance.getEntriesByType('navigation')
        const resources = performance.getEntriesByType('resource')
        return {
          domContentLoadedMs: nav.domContentLoadedEventEnd,
          loadMs: nav.loadEventEnd,
          overviewRenderedMs: performance.now(),
          transferredBytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
        }
      })()`,
    )
    Object.assign(figures, timing)
    const overview = await getApi<OverviewView>('api/overview')
    const chain = await text('#chain-title + dl')
    expect(chain).toContain(Number(overview.head!.height).toLocaleString('en-US'))
    expect(chain).toContain(`Current session\n${overview.session!.number}`)
    const tokens = await text('#tokens-title + dl')
    expect(tokens).toMatch(/Burned\n0\.00\d+ DECAI/)
    expect(tokens).toContain('Slashed\n30 DECAI')
    expect(await text('#traffic-title + dl')).toContain('Estimated relays, last settled session')
    await expect(page.getByRole('list').filter({ hasText: 'settled' }).first().isVisible()).resolves.toBe(
      true,
    )
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(role).count()).toBeGreaterThan(0)
    await screenshot('overview')
  })

  it('behavior: the skip button is the first tab stop, shows when focused, and moves focus to the main content', async () => {
    await open('', 'Network overview')
    const first = await page.evaluate(
      `document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]').textContent`,
    )
    expect(first).toBe('Skip to content')
    const skip = page.getByRole('button', { name: 'Skip to content' })
    await skip.focus()
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    expect(await page.evaluate('document.activeElement.id')).toBe('main')
    await page.keyboard.press('Tab')
    expect(await page.evaluate("document.activeElement.closest('main') !== null")).toBe(true)
  })

  it('behavior: the services page lists both models; a service shows pricing, artifact, difficulty chart and champion earnings', async () => {
    await open('#/services', 'Services')
    const table = page.getByRole('table', { name: 'Services' })
    expect(await table.getByRole('row').count()).toBe(3)
    expect(await readText(table)).toContain(idleServiceId)
    await screenshot('services')
    await table.getByRole('link', { name: serviceId }).click()
    await page.getByRole('heading', { level: 1, name: `Service ${serviceId}` }).waitFor()
    await page.locator('#difficulty-title ~ figure canvas').first().waitFor()
    expect(await text('#model-title ~ ul')).toContain('ipfs://bafy-llama-tiny')
    expect(await readText(page.getByRole('table', { name: 'Pricing schedule' }))).toContain('100')
    const difficulty = page.getByRole('img', { name: /Difficulty and estimated volume per session/ })
    expect(await difficulty.getAttribute('aria-label')).toMatch(/relay probability became \d+\.\d+ %/)
    expect(await page.locator('#earnings-title ~ figure canvas').count()).toBeGreaterThan(0)
    await screenshot('service')
  })

  it('behavior: the suppliers page shows stake, claims, proofs, settlements, slashes, QoS scores and watcher verdicts', async () => {
    await open('#/suppliers', 'Suppliers')
    const rows = page.getByRole('table', { name: 'Suppliers' }).getByRole('row')
    await rows
      .nth(1)
      .getByText(/\d+\.\d/)
      .first()
      .waitFor()
    const good = await readText(rows.filter({ hasText: net.address('operatorA').slice(0, 6) }).first())
    const [a, b] = [await readText(rows.nth(1)), await readText(rows.nth(2))]
    expect(good).toBe(a)
    expect(a).toMatch(/staked\s+300\s+llama-tiny\s+2\s+2\s+2\s+2\s+0\s+0\.00\d+\s+\d+\.\d\s+pass/)
    expect(b).toMatch(/unbonding\s+70\s+llama-tiny\s+1\s+1\s+0\s+0\s+1\s+0\s+0\.0 \(quarantined\)\s+fail/)
    await screenshot('suppliers')
    await page
      .getByRole('link', { name: net.address('operatorB') })
      .first()
      .click()
    await page.getByRole('heading', { level: 1, name: /Supplier 0x/ }).waitFor()
    await page.getByRole('table', { name: 'Watcher reports' }).waitFor()
    const reports = await readText(page.getByRole('table', { name: 'Watcher reports' }))
    expect(reports).toMatch(
      /identity\s+fail\s+verified\s+committed in block \d+, tx 0x[0-9a-f]{4}…[0-9a-f]{4}\s+greedy tokens disagree/,
    )
    expect(reports).toContain('e-value 10^2.6 above the threshold')
    expect(await readText(page.getByRole('table', { name: 'Stake changes' }))).toContain('slashed')
    await screenshot('supplier')
  })

  it('behavior: the applications page lists the application; its page shows the stake spent over time', async () => {
    await open('#/applications', 'Applications')
    const table = page.getByRole('table', { name: 'Applications' })
    expect(await table.getByRole('row').count()).toBe(2)
    // Service, status, stake left, spent (some of its 500 DECAI), one delegated gateway.
    expect(await readText(table.getByRole('row').nth(1))).toMatch(
      new RegExp(`${serviceId}\\s+staked\\s+4\\d\\d\\.\\d+\\s+0\\.\\d+\\s+1`),
    )
    await screenshot('applications')
    await page.getByRole('link', { name: net.address('application') }).click()
    await page.getByRole('heading', { level: 1, name: /Application 0x/ }).waitFor()
    await page.locator('#spent-title ~ figure canvas').first().waitFor()
    await page.getByText(/Data table: Stake and spending over time/).click()
    const series = await readText(page.locator('#spent-title ~ figure .chart-data table'))
    expect(series.trim().split('\n').length).toBe(4)
    expect(
      await page
        .getByRole('table', { name: /Latest claims against/ })
        .getByRole('row')
        .count(),
    ).toBe(4)
    await screenshot('application')
  })

  it("behavior: a session's detail shows its members, claims and the revealed leaf of each proof", async () => {
    const flows = await getApi<FlowsView>('api/flows')
    const session = flows.settlements.at(-1)!.session
    await open(`#/sessions/${session}`, `Session ${session}`)
    expect(await text('#timeline-title + dl')).toContain('settleable')
    const members = await readText(
      page.getByRole('table', { name: "Suppliers of each application's session" }),
    )
    expect(members).toContain('http://operatora.supplier.test')
    expect(members).toContain('http://operatorb.supplier.test')
    const claims = page.getByRole('article')
    expect(await claims.count()).toBe(2)
    await page.getByText(/Revealed leaf: relay/).click()
    const leaf = await readText(page.locator('details.leaf[open]'))
    expect(leaf).toContain(`Request signed by\n${net.address('gateway')}`)
    expect(leaf).toContain(`Response signed by\n${net.address('operatorA')}`)
    expect(await readText(claims.filter({ hasText: 'expired' }))).toContain('No proof submitted.')
    await screenshot('session')
  })

  it('behavior: the token flows page charts where recent settlements went', async () => {
    await open('#/flows', 'Token flows')
    await page.locator('#chart-title ~ figure canvas').first().waitFor()
    const table = page.getByRole('table', { name: /Recent settlements/ })
    expect(await table.getByRole('row').count()).toBe(4)
    expect(await readText(table)).toMatch(/expired\s+0\s+0\s+0\s+0\s+30/)
    await screenshot('flows')
  })

  it('behavior: a new settlement appears live on the token flows page', async () => {
    const rows = page.getByRole('table', { name: /Recent settlements/ }).getByRole('row')
    expect(await rows.count()).toBe(4)
    // A marker on the page's window: still there afterwards means the page was updated, not reloaded.
    await page.evaluate('window.__marker = 1')
    const { session } = await net.runSession([{ role: 'operatorA', relays: 6, shouldProve: true }])
    await rows.nth(4).waitFor({ timeout: 30_000 })
    expect(await page.evaluate('window.__marker')).toBe(1)
    expect(await readText(rows.nth(1))).toContain(String(session))
    expect(await readText(page.getByRole('status'))).toContain('ClaimSettled')
    await screenshot('flows-live')
  })

  it('behavior: after the explorer restarts, the page reconnects and shows what was settled meanwhile', async () => {
    const rows = page.getByRole('table', { name: /Recent settlements/ }).getByRole('row')
    const before = await rows.count()
    await page.evaluate('window.__marker = 2')
    const { port } = explorer
    await explorer.stop()
    await page.getByText(/^Reconnecting…/).waitFor()
    // Settled while no explorer runs: the new one indexes it before it serves, so no live message tells of it.
    const { session } = await net.runSession([{ role: 'operatorA', relays: 5, shouldProve: true }])
    explorer = await startExplorer({
      manifest: net.manifest,
      rpcUrl: proxy.url,
      port,
      dataDir: dir,
      gatewayUrl: upstreams.gatewayUrl,
      watcherUrl: upstreams.watcherUrl,
    })
    await explorer.server.refreshUpstreams()
    await rows.nth(before).waitFor({ timeout: 30_000 })
    expect(await readText(rows.nth(1))).toContain(String(session))
    expect(await page.evaluate('window.__marker')).toBe(2)
  })

  it("behavior: the watcher page lists the watcher's signed reports, flagging one that does not verify or is not committed on chain", async () => {
    await open('#/watcher', 'Watcher reports')
    const rows = page.getByRole('table', { name: 'Watcher reports' }).getByRole('row')
    expect(await rows.count()).toBe(4)
    expect(await readText(rows.nth(1))).toMatch(
      /mistral-mini\s+—\s+pass\s+does not verify\s+not committed\s+edited after signing/,
    )
    await screenshot('watcher')
  })

  it('behavior: the sessions page lists the latest sessions with their claims', async () => {
    await open('#/sessions', 'Sessions')
    expect(await readText(page.getByRole('table', { name: /Latest sessions/ }))).toMatch(
      /\n\d+\s+2\s+[\d,]+\s+1\s+1/,
    )
    await screenshot('sessions')
    await open('#/nowhere', 'Page not found')
  })

  it('behavior: a chain node that stops answering shows in the header and on a fresh overview, which keeps its totals; both recover', async () => {
    await open('', 'Network overview')
    proxy.setOutage('reset')
    await page.getByText(/^Chain unreachable since .* · indexed to \d+$/).waitFor({ timeout: 30_000 })
    // The open page refetches on the news, then a fresh load shows the same.
    const notice = page.getByText(/The chain node has not answered since/)
    await notice.waitFor({ timeout: 30_000 })
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Network overview' }).waitFor()
    await notice.waitFor()
    expect(await text('#tokens-title + dl')).toContain('Slashed\n30 DECAI')
    expect(await text('#chain-title ~ dl')).toContain('Block height\nunknown')
    await screenshot('overview-chain-unreachable')
    proxy.setOutage(undefined)
    await page.getByText(/^Live · block \d+$/).waitFor({ timeout: 30_000 })
    await notice.waitFor({ state: 'detached', timeout: 30_000 })
  })

  it('behavior: no page logged an error or lost a request', () => {
    expect(problems).toEqual([])
  })
})
