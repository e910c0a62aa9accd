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
