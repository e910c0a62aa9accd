const SHANGHAI_MS = 8 * 3600_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

const shifted = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_MS)

/** yyyy-mm-dd of the China day an instant falls on (whatever the device's zone). */
export function chinaDay(iso: string): string {
  return shifted(iso).toISOString().slice(0, 10)
}

/** HH:MM in China time. */
export function chinaTime(iso: string): string {
  return shifted(iso).toISOString().slice(11, 16)
}

/** e.g. 今天 · 明天 · 11/27 (short enough for the day strip) — and the weekday, 周四. */
export function dayLabel(day: string, now: Date = new Date()): { title: string; weekday: string } {
  const today = chinaDay(now.toISOString())
  const tomorrow = chinaDay(new Date(now.getTime() + 86_400_000).toISOString())
  const d = new Date(`${day}T12:00:00Z`)
  const weekday = `周${WEEKDAYS[d.getUTCDay()]}`
  if (day === today) return { title: '今天', weekday }
  if (day === tomorrow) return { title: '明天', weekday }
  return { title: `${d.getUTCMonth() + 1}/${d.getUTCDate()}`, weekday }
}

/** e.g. 11月27日（周四） 09:00–12:00 */
export function slotText(startsAt: string, endsAt: string): string {
  const d = new Date(`${chinaDay(startsAt)}T12:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${WEEKDAYS[d.getUTCDay()]}） ${chinaTime(startsAt)}–${chinaTime(endsAt)}`
}
