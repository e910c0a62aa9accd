import { openPhone, expect } from './helpers.mjs'
import { current, signInAs, tallShot } from './flow-steps.mjs'
import { book, bookingCard, bookingsAnswer, chinaDay, confirmModal, openService, pickDay, slotAt, stripDays, toast } from './booking-steps.mjs'

// 法律咨询 at a 红色帮办点: two places a sitting, open to anyone signed in
const STATION = 's-beijiao-redhelp-1'
const LEGAL = 'svc-beijiao-redhelp-1-legal'

/** Opens 法律咨询 on that day and returns the sitting at that time. */
async function sitting(p, day, time) {
  await openService(p, STATION, LEGAL)
  await pickDay(p, day)
  const slot = slotAt(p, time)
  await slot.waitFor({ timeout: 15_000 })
  return slot
}

/**
 * Waitlist: the enterprise liaison and the first secretary take the two places of a 法律咨询 sitting on a
 * later day (so the two-hour cancel cut-off never bites, whatever the time); the department handler finds
 * it full and joins the waitlist (第 1 位); the liaison cancels in 我的预约; the handler is promoted: 已预约
 * in 我的预约 and a 候补成功 notice in 消息.
 */
export async function waitlistFlow(ctx) {
  const p = await openPhone(ctx)
  try {
    await signInAs(p, 'enterprise')
    await openService(p, STATION, LEGAL)
    const today = chinaDay(Date.now())
    const day = (await stripDays(p)).find((d) => d > today)
    expect(day, `法律咨询没有今天以后的时段：${await stripDays(p)}`)
    await pickDay(p, day)
    const first = current(p).getByTestId('slot').first()
    const time = /^\d\d:\d\d/.exec((await first.locator('.slot__time').innerText()).trim())[0]
    expect((await first.getByTestId('slot-state').innerText()).includes('余 2 位'), `时段不是空的：${await first.innerText()}`)
    const mine = await book(p, first, '预约')
    expect(mine.status === 'confirmed', `企业预约的状态不对：${mine.status}`)
    await toast(p, /预约成功/)
    await slotAt(p, time).getByTestId('slot-state').filter({ hasText: '余 1 位' }).waitFor({ timeout: 15_000 })

    await signInAs(p, 'secretary')
    const second = await book(p, await sitting(p, day, time), '预约')
    expect(second.status === 'confirmed', `第一书记预约的状态不对：${second.status}`)
    await slotAt(p, time).getByTestId('slot-state').filter({ hasText: '已满' }).waitFor({ timeout: 15_000 })

    // the handler finds the sitting full and joins the waitlist
    await signInAs(p, 'handler')
    const full = await sitting(p, day, time)
    expect((await full.getAttribute('class')).includes('slot--full'), `时段没有显示已满：${await full.innerText()}`)
    expect((await full.innerText()).includes('可候补'), `已满的时段没有“可候补”：${await full.innerText()}`)
    await tallShot(p, ctx.shots, 'waitlist-1-full')
    const waiting = await book(p, full, '候补')
    expect(waiting.status === 'waitlisted' && waiting.waitlistPosition === 1, `候补状态不对：${JSON.stringify(waiting)}`)
    await toast(p, /已加入候补（第 1 位）/)
    await slotAt(p, time).getByTestId('slot-state').filter({ hasText: '1 人候补中' }).waitFor({ timeout: 15_000 })

    await p.go('/packages/stations/bookings/index')
    await bookingCard(p, '法律咨询', '候补中（第 1 位）')
    await tallShot(p, ctx.shots, 'waitlist-2-waiting')

    // the liaison cancels; the first in line gets the place
    await signInAs(p, 'enterprise')
    await p.go('/packages/stations/bookings/index')
    const card = await bookingCard(p, '法律咨询', '已预约')
    const cancelled = bookingsAnswer(p, 'cancel')
    await card.getByTestId('cancel-booking').click()
    await confirmModal(p, '取消预约')
    const answer = await cancelled
    expect(answer.ok && answer.data.status === 'cancelled', `取消没有成功：${JSON.stringify(answer.error ?? answer.data)}`)
    await toast(p, /已取消/)
    await bookingCard(p, '法律咨询', '已取消')

    await signInAs(p, 'handler')
    await p.go('/packages/stations/bookings/index')
    const promoted = await bookingCard(p, '法律咨询', '已预约')
    expect((await promoted.getByTestId('show-code').count()) === 1, '候补成功后没有“签到码”')
    await tallShot(p, ctx.shots, 'waitlist-3-promoted')

    await p.go('/packages/account/notices/index')
    const notice = current(p).getByTestId('notice').filter({ hasText: '候补成功：法律咨询' }).first()
    await notice.waitFor({ timeout: 15_000 })
    expect((await notice.innerText()).includes('已为您预约成功'), `候补成功的消息不对：${await notice.innerText()}`)
    await tallShot(p, ctx.shots, 'waitlist-4-notice')

    // the sitting is full again: the handler's place is the liaison's old one
    const again = await sitting(p, day, time)
    expect((await again.innerText()).includes('已满') && !(await again.innerText()).includes('候补中'), `候补成功后时段状态不对：${await again.innerText()}`)
    p.assertClean()
  } finally {
    await p.close()
  }
}
