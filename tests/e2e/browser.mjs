// Debian's Chromium driven by playwright-core (Playwright cannot download its own browsers here).
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    timeout: 30_000
  })
}

/** A phone-sized page that fails the test on any page error, console error or failed request. */
export async function phonePage(browser, problems) {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
  page.on('response', (r) => {
    // 4xx answers of our API are part of tested flows; anything else failing is a bug
    if (r.status() >= 500 || (r.status() >= 400 && !r.url().includes('/api/'))) problems.push(`${r.status()} ${r.url()}`)
  })
  return page
}
