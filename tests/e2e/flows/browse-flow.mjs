import { openPhone, expect } from './helpers.mjs'

/** A rider or a visitor, not signed in: home figures, stations with a type filter, pairings. */
export async function browseFlow(ctx) {
  const p = await openPhone(ctx)
  try {
    await p.go('/pages/home/index')
    await p.page.getByTestId('figure-stations').waitFor()
    expect(/\d+/.test(await p.page.getByTestId('figure-stations').innerText()), '首页没有站点数')
    await p.shot('home')

    await p.go('/pages/stations/index')
    await p.page.getByTestId('station-card').first().waitFor()
    const all = await p.page.getByTestId('station-card').count()
    expect(all >= 20, `站点列表只有 ${all} 个`)
    await p.page.getByTestId('filter-warm').click()
    await p.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="station-card"]').length < n,
      all,
      { timeout: 10_000 }
    )
    const cards = await p.page.getByTestId('station-card').allInnerTexts()
    expect(cards.every((t) => t.includes('驿站')), '筛选“暖新驿站”后仍有其它类型的站点')
    await p.shot('stations')

    await p.go('/pages/pairings/index')
    await p.page.getByTestId('pairing-card').first().waitFor()
    expect((await p.page.getByTestId('pairing-card').count()) === 8, '结对名录不是 8 对')
    expect((await p.page.getByTestId('pairing-card').first().innerText()).includes('党'), '结对卡片没有支部名称')
    await p.shot('pairings')
    p.assertClean()
  } finally {
    await p.close()
  }
}
