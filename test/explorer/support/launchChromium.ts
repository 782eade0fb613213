/**
 * Headless Chromium from the system (Debian's `chromium` package), driven by playwright-core. No browser
 * is ever downloaded; each launch gets a fresh profile that is removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Locator } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Launches Chromium with a fresh `--user-data-dir` (playwright passes it for a persistent context).
 *
 * @example
 * const browser = await launchChromium(); const page = await browser.context.newPage()
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'decai-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    viewport: { width: 1366, height: 900 },
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * The rendered text of an element (`innerText`: what a reader sees, with table cells separated by tabs
 * and rows by newlines), which the page assertions match.
 *
 * @example
 * expect(await readText(page.getByRole('table', { name: 'Suppliers' }))).toContain('staked')
 */
export function readText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
  return locator.innerText()
}
