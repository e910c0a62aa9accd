import path from 'node:path'
import { phonePage } from '../browser.mjs'

/** A page plus the means to visit a Taro route, take a named screenshot, and fail on any page error. */
export async function openPhone({ browser, url, shots }) {
  const problems = []
  const page = await phonePage(browser, problems)
  return {
    page,
    async go(route) {
      await page.goto(`${url}/#${route}`)
    },
    async shot(name) {
      // let NutUI's transitions settle so the picture shows what a person sees
      await page.waitForTimeout(400)
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
    },
    assertClean() {
      if (problems.length) throw new Error(`page problems:\n${problems.join('\n')}`)
    },
    async close() {
      await page.close()
    }
  }
}

export function expect(cond, message) {
  if (!cond) throw new Error(message)
}

/**
 * Page errors, console errors and failed requests, as openPhone's assertClean counts them, except the
 * browser's own line for an API answering 4xx: for walks that are refused on purpose (a wrong password,
 * a wrong credit code).
 */
export function watchAllowingRefusals(page) {
  const problems = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    if (/status of 4\d\d/.test(m.text()) && (m.location()?.url ?? '').includes('/api/')) return
    problems.push(`console: ${m.text()}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 500 || (r.status() >= 400 && !r.url().includes('/api/'))) problems.push(`${r.status()} ${r.url()}`)
  })
  return problems
}
