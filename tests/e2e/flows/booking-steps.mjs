// Steps shared by the booking walks (station-flow, waitlist-flow): open a service of a station, pick a day
// and a sitting, book it through the confirmation modal, act on a card of 我的预约.
import { expect } from './helpers.mjs'
import { current } from './flow-steps.mjs'

const HALF_HOUR = 30 * 60_000
const SHANGHAI = 8 * 3600_000

/** yyyy-mm-dd of the China day of an instant (the page labels days in China time whatever the zone). */
export const chinaDay = (ms) => new Date(ms + SHANGHAI).toISOString().slice(0, 10)

/** HH:MM in China time. */
export const chinaTime = (ms) => new Date(ms + SHANGHAI).toISOString().slice(11, 16)

/**
 * The start of the next half-hour sitting, strictly after now (bookings.slots lists sittings that start
 * after now). China time is UTC+8, so its half hours are UTC's.
 */
export const nextHalfHour = (now = Date.now()) => Math.floor(now / HALF_HOUR) * HALF_HOUR + HALF_HOUR

/**
 * Just before a half hour, the earliest sitting could start between listing it and booking it (refused:
 * 该时段已开始): wait until it has started, so that the earliest one is the next half hour's.
 */
export async function clearOfHalfHour(p, marginMs = 120_000) {
  const left = nextHalfHour() - Date.now()
  if (left < marginMs) await p.page.waitForTimeout(left + 2000)
}

/** Waits for a toast with this text. Taro's H5 toast stays in the DOM after it fades: read its text. */
export async function toast(p, text) {
  await p.page.waitForFunction(
    (source) => [...document.querySelectorAll('.taro__toast')].some((e) => new RegExp(source).test(e.textContent || '')),
    text.source,
    { timeout: 10_000 }
  )
}

/** Taps the confirm button (its text) of the modal that shows now. */
export async function confirmModal(p, text) {
  await p.page.locator('.taro-modal__foot').filter({ visible: true }).getByText(text, { exact: true }).click()
}

/** The answer of the next POST /api/bookings with this action (the Result body). */
export function bookingsAnswer(p, action) {
  return p.page
    .waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST' && (r.request().postData() || '').includes(`"action":"${action}"`), {
      timeout: 15_000
    })
    .then((r) => r.json())
}

/** Opens a station's detail page on one of its services and waits for that service's sittings. */
export async function openService(p, stationId, serviceId) {
  await p.go(`/packages/stations/detail/index?id=${stationId}`)
  const tab = current(p).getByTestId(`service-${serviceId}`)
  await tab.waitFor({ timeout: 20_000 })
  const listed = bookingsAnswer(p, 'slots')
  await tab.click()
  // the first service's list may already be the one asked for (no new request then)
  await Promise.race([listed, p.page.waitForTimeout(3000)])
  await current(p).getByTestId('slot').first().waitFor({ timeout: 20_000 })
}

/** The sittings shown for the day picked in the strip (day-YYYY-MM-DD), after picking it. */
export async function pickDay(p, day) {
  await current(p).getByTestId(`day-${day}`).click()
  await current(p).locator(`[data-testid="day-${day}"].day-strip__day--on`).waitFor()
}

/** The days the strip offers, in order (yyyy-mm-dd). */
export async function stripDays(p) {
  const ids = await current(p).locator('[data-testid^="day-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  return ids.filter((id) => id !== 'day-strip').map((id) => id.replace(/^day-/, ''))
}

/** The sitting of the shown day that starts at HH:MM. */
export const slotAt = (p, hhmm) => current(p).getByTestId('slot').filter({ has: p.page.locator('.slot__time', { hasText: new RegExp(`^${hhmm}–`) }) })

/**
 * Taps a sitting, confirms the modal (预约, or 候补 when it is full) and returns the booking the server
 * made; fails with the server's message when it refused.
 */
export async function book(p, slot, confirmText) {
  const answered = bookingsAnswer(p, 'book')
  await slot.click()
  await confirmModal(p, confirmText)
  const body = await answered
  expect(body.ok, `预约被拒绝：${JSON.stringify(body.error ?? body)}`)
  return body.data
}

/** A card of 我的预约 for this service whose status reads `status` (waits for the list to show it). */
export async function bookingCard(p, serviceName, status) {
  const card = current(p)
    .getByTestId('booking-card')
    .filter({ hasText: serviceName })
    .filter({ has: p.page.getByTestId('booking-status').filter({ hasText: status }) })
    .first()
  await card.waitFor({ timeout: 15_000 }).catch(async (e) => {
    const shown = await current(p).innerText().catch(() => '')
    throw new Error(`我的预约里没有“${serviceName} · ${status}”：${shown.slice(0, 300)}\n${e.message}`)
  })
  return card
}
