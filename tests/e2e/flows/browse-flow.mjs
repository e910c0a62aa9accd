import { openPhone, expect } from './helpers.mjs'

/** A rider or a visitor, not signed in: home figures, stations with a type filter, pairings. */
export async function browseFlow(ctx) {
  const p = await openPhone(ctx)
  try {
    await p.go('/pages/home/index')
    await p.page.getByTestId('figure-stations').waitFor()
    expect(/\d+/.test(await p.page.getByTestId('figure-stations').innerText()), '首页没有站点数')
    await p.shot('home')

    // no location shared: the finder offers towns instead of an empty screen, and still lists stations
    await p.go('/pages/stations/index')
    await p.page.getByTestId('town-picker').waitFor({ timeout: 20_000 })
    await p.page.getByTestId('station-card').first().waitFor()
    await p.page.getByTestId('town-ronggui').click()
    // at least one card, all of 容桂: while the list reloads there are none, and every() of none is true
    await p.page.waitForFunction(
      () => {
        const cards = [...document.querySelectorAll('[data-testid="station-card"]')]
        return cards.length > 0 && cards.every((c) => (c.textContent || '').includes('容桂'))
      },
      null,
      { timeout: 10_000 }
    )
    await p.page.getByTestId('station-card').first().waitFor({ state: 'visible' })
    expect((await p.page.getByTestId('station-card').count()) >= 1, '容桂没有站点')
    await p.shot('stations-by-town')

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
