import type {
  ClosureResult,
  ConsoleSitting,
  ManagedService,
  SaveServiceInput,
  StationClosureInput,
  StationDay,
  StationFigures,
  StationSettings
} from '@contract'
import {
  addDays,
  chinaHm as chinaTime,
  chinaInstant,
  generateSlots,
  maskPhone,
  monthDayText,
  shanghaiDate,
  stationFigures,
  validateWeeklySlots,
  type Day
} from '../../core'
import type { Caller, Ctx } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { canManageStation, requireCaller } from '../policy'
import * as repo from '../../db/repos/station-console'
import { ensureSlots, lockSlot } from '../../db/repos/bookings'
import { onSiteCounts } from '../../db/repos/stations'
import { listOpenForStation } from '../../db/repos/problems'
import { loadFlowSettings } from '../flow-env'
import { addNotice } from '../notice'
import { promoteWaitlist } from '../waitlist'

const DEFAULT_FIGURE_DAYS = 14

async function managedStation(ctx: Ctx, stationId: string): Promise<{ caller: Caller; station: repo.StationHead }> {
  const caller = requireCaller(ctx.caller)
  const station = await repo.findStationHead(ctx.q, stationId)
  // a manager of another station learns nothing about this one, not even that it exists
  if (!station || !canManageStation(caller, stationId)) {
    if (!station) throw notFound('该站点')
    throw forbidden('只有本站点的管理员可以操作')
  }
  return { caller, station }
}

/** China midnight of `day` and of the day after: the half-open range of that day's instants. */
const dayRange = (day: Day): [Date, Date] => [chinaInstant(day, 0), chinaInstant(addDays(day, 1), 0)]

/**
 * The manager's day: each sitting with its people in arrival order (phones masked), walk-ins, who is
 * here in the last hour and open feedback. Today's and later sittings are made from the schedules
 * first, so a sitting nobody has looked at yet still shows.
 */
async function day(ctx: Ctx, input: { stationId: string; date?: string }): Promise<StationDay> {
  const { station } = await managedStation(ctx, input.stationId)
  const today = shanghaiDate(ctx.now)
  const date = input.date ?? today
  const [from, until] = dayRange(date)
  const closed = station.closures.includes(date)
  if (date >= today && !closed) {
    const { env } = await loadFlowSettings(ctx.q)
    for (const service of await repo.servicesOf(ctx.q, station.id)) {
      const made = generateSlots({
        schedule: service.schedule,
        from,
        horizonDays: 0,
        closures: station.closures,
        closedOnHolidays: service.closedOnHolidays,
        calendar: env.calendar
      })
      await ensureSlots(ctx.q, service, made)
    }
  }
  const sittings = await repo.sittingsBetween(ctx.q, station.id, from, until)
  const people = await repo.bookingsOnSlots(
    ctx.q,
    sittings.map((s) => s.id)
  )
  const out: ConsoleSitting[] = sittings.map((s) => {
    const mine = people.filter((p) => p.slot_id === s.id)
    let line = 0
    return {
      slotId: s.id,
      serviceId: s.service_id,
      serviceName: s.service_name,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      capacity: s.capacity,
      taken: mine.filter((p) => p.status === 'confirmed' || p.status === 'checked_in').length,
      checkedIn: mine.filter((p) => p.status === 'checked_in').length,
      waitlisted: mine.filter((p) => p.status === 'waitlisted').length,
      noShows: mine.filter((p) => p.status === 'no_show').length,
      bookings: mine.map((p) => ({
        id: p.id,
        personName: p.name,
        phone: maskPhone(p.phone),
        status: p.status,
        waitlistPosition: p.status === 'waitlisted' ? ++line : null,
        checkedInAt: p.checked_in_at ? p.checked_in_at.toISOString() : null
      }))
    }
  })
  return {
    stationId: station.id,
    stationName: station.name,
    date,
    closed,
    sittings: out,
    walkIns: await repo.walkInsBetween(ctx.q, station.id, from, until),
    onSite: (await onSiteCounts(ctx.q, [station.id], ctx.now)).get(station.id) ?? 0,
    openFeedback: await listOpenForStation(ctx.q, station.id)
  }
}

async function settingsOf(ctx: Ctx, station: repo.StationHead): Promise<StationSettings> {
  const today = shanghaiDate(ctx.now)
  const services = await repo.servicesOf(ctx.q, station.id)
  return {
    stationId: station.id,
    stationName: station.name,
    services: services.map(managed),
    closures: station.closures.filter((d) => d >= today)
  }
}

const managed = ({ stationId: _s, closedOnHolidays: _c, ...service }: repo.ManagedServiceRow): ManagedService => service

async function settings(ctx: Ctx, input: { id: string }): Promise<StationSettings> {
  const { station } = await managedStation(ctx, input.id)
  return settingsOf(ctx, station)
}

/**
 * A manager's edit of a service. People already booked keep their places: sittings they booked stay
 * even when dropped from the schedule, and a smaller capacity never bumps anyone (it only stops new
 * bookings); a larger one gives the new places to the waitlists at once.
 */
async function saveService(ctx: Ctx, input: SaveServiceInput): Promise<ManagedService> {
  const caller = requireCaller(ctx.caller)
  const service = await repo.lockService(ctx.q, input.serviceId)
  if (!service) throw notFound('该服务')
  if (!canManageStation(caller, service.stationId)) throw forbidden('只有本站点的管理员可以修改服务')
  const problems = validateWeeklySlots(input.schedule)
  if (problems.length) throw new AppError('VALIDATION', problems[0], { schedule: problems[0] })
  const station = (await repo.findStationHead(ctx.q, service.stationId)) as repo.StationHead
  await repo.updateService(ctx.q, { id: service.id, ...input })
  const { env } = await loadFlowSettings(ctx.q)
  const keep = generateSlots({
    schedule: input.schedule,
    from: ctx.now,
    horizonDays: input.horizonDays,
    closures: station.closures,
    closedOnHolidays: service.closedOnHolidays,
    calendar: env.calendar
  })
  await repo.reshapeFutureSlots(
    ctx.q,
    service.id,
    ctx.now,
    keep.map((s) => s.startsAt),
    input.capacity
  )
  for (const slotId of await repo.slotsWithWaitlist(ctx.q, service.id, ctx.now)) {
    const slot = await lockSlot(ctx.q, slotId)
    if (slot) await promoteWaitlist(ctx.q, slot, { serviceName: service.name, stationName: station.name }, ctx.now)
  }
  return managed((await repo.lockService(ctx.q, service.id)) as repo.ManagedServiceRow)
}

/**
 * Closes a station for a day (or opens it again). Closing cancels that day's bookings and waitlist
 * places and tells each person why; reopening lets the schedules make the day's sittings again.
 */
async function setClosure(ctx: Ctx, input: StationClosureInput): Promise<ClosureResult> {
  const { station } = await managedStation(ctx, input.stationId)
  if (input.date < shanghaiDate(ctx.now)) throw new AppError('VALIDATION', '不能修改今天以前的日期', { date: '不能修改今天以前的日期' })
  await repo.setClosureDate(ctx.q, station.id, input.date, input.closed)
  let cancelled = 0
  if (input.closed) {
    const [from, until] = dayRange(input.date)
    const gone = await repo.cancelSittingsBetween(ctx.q, station.id, from, until, ctx.now)
    const why = input.reason ? `（${input.reason}）` : ''
    for (const b of gone) {
      await addNotice(
        ctx.q,
        {
          person: b.person_id,
          title: `预约已取消：${b.service_name}`,
          body: `${station.name}${monthDayText(input.date)}闭站${why}，您当天${chinaTime(b.starts_at)}的${b.status === 'waitlisted' ? '候补' : '预约'}已自动取消，请在「我的预约」改约其他日期`
        },
        ctx.now
      )
    }
    cancelled = gone.length
  }
  const fresh = (await repo.findStationHead(ctx.q, station.id)) as repo.StationHead
  return { ...(await settingsOf(ctx, fresh)), cancelled }
}

/** The last `days` days up to today: bookings by outcome and walk-ins per day. */
async function figures(ctx: Ctx, input: { stationId: string; days?: number }): Promise<StationFigures> {
  const { station } = await managedStation(ctx, input.stationId)
  const to = shanghaiDate(ctx.now)
  const from = addDays(to, -((input.days ?? DEFAULT_FIGURE_DAYS) - 1))
  const counts = await repo.figureCounts(ctx.q, station.id, chinaInstant(from, 0), chinaInstant(addDays(to, 1), 0))
  return stationFigures(station.id, from, to, counts)
}

export const stationConsole = { day, settings, saveService, setClosure, figures }
