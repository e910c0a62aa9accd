// Steps shared by the problem-flow walks (file → handle → evaluate; 退单 → 转办; 会办): sign in as a demo
// role through 我的, file a problem, open its detail, do one action through its sheet, read the thread.
import path from 'node:path'
import { expect } from './helpers.mjs'

/**
 * The page Taro shows now. Its H5 router keeps earlier pages of the stack in the DOM (some still laid out
 * underneath); the one on top is the last shown page.
 */
export const current = (p) => p.page.locator('.taro_page').filter({ visible: true }).last()

/** A NutUI button (taro-button-core) inside the element with this test id. */
export const buttonIn = (p, testId) => current(p).locator(`[data-testid="${testId}"] taro-button-core`)

/** Signs out if needed, then signs in with a demo role on 我的. */
export async function signInAs(p, role) {
  await p.go('/pages/me/index')
  const page = current(p)
  const signOut = page.locator('taro-button-core').filter({ hasText: '退出登录' })
  await page.getByTestId(`role-${role}`).or(signOut).first().waitFor().catch(async (e) => {
    const body = await p.page.evaluate(() => document.body.innerText.slice(0, 200)).catch(() => '')
    throw new Error(`“我的”没有打开：${body}\n${e.message}`)
  })
  if (await signOut.isVisible()) {
    await signOut.click()
    await page.getByTestId(`role-${role}`).waitFor()
  }
  await page.getByTestId(`role-${role}`).click()
  await page.locator('taro-button-core').filter({ hasText: '退出登录' }).waitFor()
}

/** Files a 用工招聘 problem as the signed-in enterprise liaison; returns its id (from the detail page's URL). */
export async function fileProblem(p, { title, content, anonymous = false, shot = null }) {
  await p.go('/packages/problem/file/index')
  const page = current(p)
  await page.getByLabel('标题').locator('input').fill(title)
  await page.getByLabel('问题描述').locator('textarea').fill(content)
  // the category picker: its first choice is 用工招聘, routed to the hr department
  await page.locator('.form-field__picker').first().click()
  await p.page.getByText('确定').first().click()
  await page.getByText('用工招聘').waitFor()
  if (anonymous) {
    await page.getByTestId('anonymous-switch').click()
    expect((await page.getByTestId('anonymous-switch').getAttribute('aria-checked')) === 'true', '匿名开关没有打开')
  }
  if (shot) await shot()
  await page.locator('taro-button-core').filter({ hasText: '提交诉求' }).click()
  await p.page.waitForURL(/packages\/problem\/detail\/index\?id=/, { timeout: 15_000 })
  const id = new URL(p.page.url().replace('#', '')).searchParams.get('id')
  expect(id, `提交后没有打开详情页：${p.page.url()}`)
  await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
  return id
}

/** Opens the detail page of a problem and waits until it shows. */
export async function openDetail(p, id) {
  await p.go(`/packages/problem/detail/index?id=${encodeURIComponent(id)}`)
  await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 }).catch(async (e) => {
    const shown = await current(p).innerText().catch(() => '')
    throw new Error(`详情页没有打开（${p.page.url()}）：${shown.slice(0, 120)}\n${e.message}`)
  })
}

/** The status label on the detail page. */
export const statusText = async (p) => (await current(p).locator('.detail-head .status-tag').innerText()).trim()

/** Waits until the detail page shows this status. */
export async function waitForStatus(p, label) {
  await current(p).locator('.detail-head .status-tag').filter({ hasText: label }).waitFor({ timeout: 15_000 })
}

/** The action-bar buttons the page shows, by key (action-<key>). */
export async function actionKeys(p) {
  const bar = current(p).getByTestId('action-bar')
  if (!(await bar.count())) return []
  const ids = await bar.locator('[data-testid^="action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  return ids.map((s) => s.replace(/^action-/, ''))
}

/**
 * Does one action through its sheet: taps its button, lets `fill` fill the sheet (it gets the sheet's
 * locator), submits, and waits for the sheet to close (the page then shows the server's answer).
 */
export async function act(p, key, fill) {
  await buttonIn(p, `action-${key}`).click()
  const sheet = current(p).getByTestId('action-sheet')
  await sheet.waitFor()
  if (fill) await fill(sheet)
  await sheet.locator('[data-testid="sheet-submit"] taro-button-core').click()
  await sheet.waitFor({ state: 'detached', timeout: 15_000 }).catch(async () => {
    const failure = await sheet.getByTestId('action-failure').innerText().catch(() => '')
    throw new Error(`“${key}” 没有完成${failure ? `：${failure}` : ''}`)
  })
}

/** Fills a textarea of the sheet by its aria-label. */
export async function fillText(sheet, label, text) {
  await sheet.getByLabel(label).locator('textarea').fill(text)
}

/** Timeline entries, newest first: { type, actor, note }. */
export async function timeline(p) {
  return current(p)
    .getByTestId('timeline-item')
    .evaluateAll((els) =>
      els.map((e) => ({
        type: e.getAttribute('data-type'),
        actor: e.querySelector('.timeline__actor')?.textContent ?? '',
        note: e.querySelector('.timeline__note')?.textContent ?? ''
      }))
    )
}

/**
 * A screenshot of the whole page: Taro's H5 pages scroll inside their own container, so a "full page"
 * screenshot would stop at the viewport; the viewport is stretched to the page's height for the picture.
 */
/** Waits (briefly) for the success toast of the last action to go: it would cover the picture. */
async function toastGone(p) {
  await p.page
    .waitForFunction(
      () => [...document.querySelectorAll('.taro__toast')].every((e) => getComputedStyle(e).display === 'none' || getComputedStyle(e).opacity === '0'),
      null,
      { timeout: 4000 }
    )
    .catch(() => undefined)
}

/** A screenshot of what the phone shows now (e.g. an open action sheet). */
export async function screenShot(p, shots, name) {
  await toastGone(p)
  await p.page.waitForTimeout(300)
  await p.page.screenshot({ path: path.join(shots, `${name}.png`) })
}

export async function tallShot(p, shots, name) {
  await toastGone(p)
  await p.page.waitForTimeout(400)
  const size = p.page.viewportSize()
  const height = await current(p).evaluate((el) => {
    // from the top: the page (and a tab page's panel around it) may have been scrolled by a tap
    for (let e = el; e; e = e.parentElement) e.scrollTop = 0
    return el.scrollHeight
  })
  await p.page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 6000) })
  await p.page.waitForTimeout(200)
  await p.page.screenshot({ path: path.join(shots, `${name}.png`) })
  await p.page.setViewportSize(size)
}

/** Signs a demo role in over the API (for checks beside the UI); returns the bearer token. */
export async function apiToken(url, role) {
  const r = await fetch(`${url}/api/accounts`, { method: 'POST', body: JSON.stringify({ action: 'demoSignIn', input: { role } }) })
  const body = await r.json()
  expect(body.ok, `演示登录失败：${JSON.stringify(body)}`)
  return body.data.token
}

/** Calls the API as `token`; returns the Result body. */
export async function api(url, token, fn, action, input, requestId) {
  const r = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, input, ...(requestId ? { requestId } : {}) })
  })
  return r.json()
}

/**
 * A real PNG for the file input: a coloured block drawn in the browser with a caption, or (noise)
 * random pixels that do not compress, over 3 MB.
 */
export async function makePhoto(browser, { noise = false, caption = '现场照片', colors = ['#c8161d', '#f5a623'] } = {}) {
  const page = await browser.newPage({ viewport: { width: 320, height: 240 } })
  try {
    if (noise) {
      const base64 = await page.evaluate(() => {
        const c = document.createElement('canvas')
        c.width = 1000
        c.height = 1000
        const ctx = c.getContext('2d')
        const img = ctx.createImageData(c.width, c.height)
        for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256)
        ctx.putImageData(img, 0, 0)
        return c.toDataURL('image/png').split(',')[1]
      })
      const buffer = Buffer.from(base64, 'base64')
      expect(buffer.length > 3 * 1024 * 1024, `噪点图只有 ${buffer.length} 字节`)
      return buffer
    }
    await page.setContent(
      `<body style="margin:0"><div style="width:320px;height:240px;background:linear-gradient(135deg,${colors[0]},${colors[1]})">` +
        `<div style="padding:24px;font:bold 36px sans-serif;color:#fff">${caption}</div></div></body>`
    )
    return await page.screenshot({ type: 'png' })
  } finally {
    await page.close()
  }
}

/** Picks one of a Taro H5 picker's options (a tap on its row selects it), then 确定. */
export async function pickOption(p, pickerTrigger, optionText) {
  await pickerTrigger.click()
  const item = p.page.locator('.weui-picker__item').filter({ hasText: optionText }).filter({ visible: true }).first()
  await item.waitFor()
  // let the sheet finish sliding up; the column's mask lies over the rows and reads where the tap landed
  await p.page.waitForTimeout(500)
  const box = await item.boundingBox()
  expect(box, `选项“${optionText}”没有显示`)
  await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await p.page.waitForTimeout(400)
  await p.page.locator('.weui-picker__action').filter({ hasText: '确定' }).filter({ visible: true }).first().click()
}
