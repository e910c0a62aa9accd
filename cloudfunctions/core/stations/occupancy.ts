/** The window of 在站人数: check-ins in the last hour. */
export const ON_SITE_WINDOW_MINUTES = 60

/**
 * 在站人数: how many check-ins fall in the last hour, (now − 60 min, now]. Check-ins after `now` (clock
 * skew) and unreadable instants do not count. Pass one instant per person (the latest check-in of each)
 * when a person may check in more than once.
 */
export function peopleOnSite(checkIns: readonly (Date | string)[], now: Date, windowMinutes = ON_SITE_WINDOW_MINUTES): number {
  const to = now.getTime()
  if (Number.isNaN(to)) throw new RangeError('无效时间')
  const from = to - windowMinutes * 60_000
  let n = 0
  for (const c of checkIns) {
    const ms = c instanceof Date ? c.getTime() : Date.parse(c)
    if (ms > from && ms <= to) n++
  }
  return n
}
