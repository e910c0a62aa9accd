import type { Amenity, DayHours, StationType } from '@contract'
import { makeCalendar } from '../../cloudfunctions/core/calendar'
import {
  boundingBox,
  distanceMeters,
  distanceText,
  durationText,
  findStations,
  geohash,
  geohashBounds,
  geohashCover,
  isOpenAt,
  nextChange,
  openingLabel,
  openingStatus,
  peopleOnSite,
  rankNearest,
  searchRadii,
  validateOpeningHours,
  type FinderStation,
  type OpeningHours
} from '../../cloudfunctions/core/stations'

/** An instant written on a Beijing wall clock: bj('2026-03-10 23:30'). */
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`)
const iso = (wall: string) => bj(wall).toISOString()

const span = (open: string, close: string): DayHours => ({ open, close })
const every = (open: string, close: string) => Array.from({ length: 7 }, () => span(open, close))

const NIGHT: OpeningHours = { open24h: false, hours: every('18:00', '02:00') }
const DAY: OpeningHours = { open24h: false, hours: every('08:00', '21:00') }
const ROUND: OpeningHours = { open24h: true, hours: [null, null, null, null, null, null, null] }
// Sunday closed, weekdays 09:00–17:30, Saturday morning
const OFFICE: OpeningHours = { open24h: false, hours: [null, ...Array.from({ length: 5 }, () => span('09:00', '17:30')), span('09:00', '12:00')] }

describe('open or not, in Beijing time', () => {
  // 2026-03-10 is a Tuesday; 2026-02-15..23 is the Spring Festival holiday, 2026-02-14 a 调休 Saturday
  test.each<[string, OpeningHours, string, boolean, string]>([
    ['23:30 at a station open 18:00–02:00', NIGHT, '2026-03-10 23:30', true, '营业至次日 02:00'],
    ['01:59 the next morning, still the evening span', NIGHT, '2026-03-11 01:59', true, '营业至 02:00'],
    ['02:00 exactly: closed', NIGHT, '2026-03-11 02:00', false, '今天 18:00 开门'],
    ['17:59: not yet', NIGHT, '2026-03-11 17:59', false, '今天 18:00 开门'],
    ['18:00 exactly: open', NIGHT, '2026-03-11 18:00', true, '营业至次日 02:00'],
    ['20:00 at a day station', DAY, '2026-03-10 20:00', true, '营业至 21:00'],
    ['21:00 exactly: closed, opens tomorrow', DAY, '2026-03-10 21:00', false, '明天 08:00 开门'],
    ['07:59: opens today', DAY, '2026-03-10 07:59', false, '今天 08:00 开门'],
    ['a 24-hour station at 03:00', ROUND, '2026-03-10 03:00', true, '24 小时营业'],
    ['a 24-hour station over the Spring Festival (no holiday closure)', ROUND, '2026-02-17 12:00', true, '24 小时营业'],
    ['Saturday afternoon at an office: opens the day after tomorrow', OFFICE, '2026-03-14 13:00', false, '后天 09:00 开门'],
    ['Sunday at an office', OFFICE, '2026-03-15 10:00', false, '明天 09:00 开门'],
    ['Friday 17:00 at an office', OFFICE, '2026-03-13 17:00', true, '营业至 17:30']
  ])('%s', (_name, station, wall, open, label) => {
    expect(isOpenAt(station, bj(wall))).toBe(open)
    expect(openingLabel(station, bj(wall))).toBe(label)
  })

  test('a weekday closed in `hours` still has the previous evening’s span in its small hours', () => {
    const hours = every('18:00', '02:00') as (DayHours | null)[]
    hours[3] = null // Wednesday closed
    const s: OpeningHours = { open24h: false, hours }
    expect(isOpenAt(s, bj('2026-03-11 01:00'))).toBe(true) // Wednesday 01:00, Tuesday's span
    expect(isOpenAt(s, bj('2026-03-11 19:00'))).toBe(false)
    expect(nextChange(s, bj('2026-03-11 19:00'))).toEqual({ kind: 'opens', at: iso('2026-03-12 18:00') })
  })

  test('a close of 24:00 reads as 24:00, and 08:00–08:00 is 24 hours from 08:00', () => {
    const s: OpeningHours = { open24h: false, hours: every('06:00', '24:00') }
    expect(openingLabel(s, bj('2026-03-10 23:00'))).toBe('营业至 24:00')
    expect(isOpenAt(s, bj('2026-03-11 00:00'))).toBe(false)
    const loop: OpeningHours = { open24h: false, hours: every('08:00', '08:00') }
    expect(isOpenAt(loop, bj('2026-03-11 07:59'))).toBe(true)
    expect(openingLabel(loop, bj('2026-03-11 07:59'))).toBe('24 小时营业')
  })
})

describe('holiday closures and closure dates', () => {
  const holidayDay: OpeningHours = { ...DAY, closedOnHolidays: true }
  const holidayNight: OpeningHours = { ...NIGHT, closedOnHolidays: true }

  test.each<[string, OpeningHours, string, boolean, string, string | null]>([
    ['on 春节 a station closed on holidays is closed', holidayDay, '2026-02-17 10:00', false, '2月24日（周二） 08:00 开门', '春节休息'],
    ['the 调休 Saturday before it is an ordinary day', holidayDay, '2026-02-14 10:00', true, '营业至 21:00', null],
    ['the last evening before the holiday', holidayDay, '2026-02-14 20:59', true, '营业至 21:00', null],
    ['the day after the holiday', holidayDay, '2026-02-24 08:00', true, '营业至 21:00', null],
    ['23:30 on the 调休 Saturday at 18:00–02:00', holidayNight, '2026-02-14 23:30', true, '营业至次日 02:00', null],
    ['01:00 on the first holiday: still Saturday’s span', holidayNight, '2026-02-15 01:00', true, '营业至 02:00', null],
    ['19:00 on the first holiday: closed', holidayNight, '2026-02-15 19:00', false, '2月24日（周二） 18:00 开门', '春节休息'],
    ['not closed on holidays: open on 春节', DAY, '2026-02-17 10:00', true, '营业至 21:00', null],
    // 2027 is not in the package: the statutory floor knows 春节 (2027-02-06..08) and 除夕 (02-05)
    ['除夕 2027 from the statutory floor', holidayDay, '2027-02-05 10:00', false, '2月9日（周二） 08:00 开门', '春节（除夕）休息']
  ])('%s', (_name, station, wall, open, label, note) => {
    const status = openingStatus(station, bj(wall))
    expect(status.open).toBe(open)
    expect(status.label).toBe(label)
    expect(status.note).toBe(note)
  })

  test('an administrator’s holiday override closes the day too', () => {
    const cal = makeCalendar([{ date: '2026-03-10', kind: 'holiday', note: '调整放假' }])
    const status = openingStatus(holidayDay, bj('2026-03-10 10:00'), cal)
    expect(status.open).toBe(false)
    expect(status.note).toBe('调整放假休息')
    expect(isOpenAt(holidayDay, bj('2026-03-10 10:00'), [{ date: '2026-03-10', kind: 'holiday' }])).toBe(false)
  })

  test('a closure date closes a 24-hour station for that China day only', () => {
    const s: OpeningHours = { ...ROUND, closures: ['2026-03-12'] }
    expect(openingStatus(s, bj('2026-03-11 23:00'))).toMatchObject({ open: true, label: '营业至 24:00' })
    expect(openingStatus(s, bj('2026-03-12 00:00'))).toMatchObject({ open: false, label: '明天 00:00 开门', note: '今日闭站' })
    expect(nextChange(s, bj('2026-03-12 23:59'))).toEqual({ kind: 'opens', at: iso('2026-03-13 00:00') })
    expect(isOpenAt(s, bj('2026-03-13 00:00'))).toBe(true)
  })

  test('closures far enough ahead: a station that closes in 3 days reads 营业至 with the date', () => {
    const s: OpeningHours = { ...ROUND, closures: ['2026-03-13'] }
    expect(openingLabel(s, bj('2026-03-10 09:00'))).toBe('营业至 3月12日 24:00')
  })

  test('closed for longer than the lookahead: 暂停开放', () => {
    const closures = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10))
    const s: OpeningHours = { ...DAY, closures }
    expect(openingStatus(s, bj('2026-03-05 10:00'))).toMatchObject({ open: false, next: null, label: '暂停开放', note: '今日闭站' })
  })
})

describe('validating opening hours', () => {
  test('good hours pass', () => {
    expect(validateOpeningHours(NIGHT)).toEqual([])
    expect(validateOpeningHours({ open24h: false, hours: every('06:00', '24:00'), closures: ['2026-02-17'] })).toEqual([])
  })
  test('bad hours are reported in Chinese and counted as closed', () => {
    const bad: OpeningHours = { open24h: false, hours: [span('24:00', '08:00'), span('8:00', '20:00'), null, null, null, null, null], closures: ['2026-02-30'] }
    expect(validateOpeningHours(bad)).toEqual(['周日：开门时间应为 00:00–23:59', '周一：开门时间应为 00:00–23:59', '闭站日期应为 YYYY-MM-DD 格式的有效日期：2026-02-30'])
    expect(validateOpeningHours({ open24h: false, hours: [] })).toEqual(['营业时间应为周日至周六共 7 项'])
    expect(isOpenAt(bad, bj('2026-03-09 10:00'))).toBe(false) // Monday with '8:00'
  })
})

describe('distance', () => {
  // reference values: the central angle from 3-D unit vectors, atan2(|u×v|, u·v), on the same sphere
  // (R = 6 371 008.8 m), computed outside this code base
  test.each<[string, [number, number], [number, number], number]>([
    ['大良德胜 → 大良凤山', [22.8412, 113.2563], [22.8327, 113.2448], 1510.696],
    ['大良德胜 → 容桂容奇', [22.8412, 113.2563], [22.7713, 113.2684], 7870.87],
    ['均安新华 → 乐从家具城', [22.7084, 113.1577], [22.9421, 113.0982], 26692.19],
    ['美的 → 北滘林上', [22.9236, 113.2051], [22.9213, 113.2012], 474.279],
    ['大良德胜 → 均安新华', [22.8412, 113.2563], [22.7084, 113.1577], 17895.471]
  ])('%s', (_name, [aLat, aLng], [bLat, bLng], metres) => {
    const d = distanceMeters({ lat: aLat, lng: aLng }, { lat: bLat, lng: bLng })
    expect(Math.abs(d - metres)).toBeLessThan(1)
  })

  test.each<[number, string]>([
    [0, '0 米'],
    [8.4, '8 米'],
    [850, '850 米'],
    [999.4, '999 米'],
    [999.6, '1 公里'],
    [1000, '1 公里'],
    [1234, '1.2 公里'],
    [1250, '1.3 公里'],
    [9940, '9.9 公里'],
    [9960, '10 公里'],
    [12_345, '12 公里']
  ])('%d m reads %s', (m, text) => {
    expect(distanceText(m)).toBe(text)
  })

  test('bad input is a RangeError', () => {
    expect(() => distanceText(-1)).toThrow(RangeError)
    expect(() => distanceText(Number.NaN)).toThrow(RangeError)
    expect(() => distanceMeters({ lat: 91, lng: 0 }, { lat: 0, lng: 0 })).toThrow(RangeError)
  })
})

describe('bounding boxes and cells for the nearest query', () => {
  test('a 2 km box around 大良 is about ±0.018° lat and ±0.0195° lng', () => {
    const box = boundingBox({ lat: 22.8412, lng: 113.2563 }, 2000)
    expect(box.maxLat - 22.8412).toBeCloseTo(0.017986, 5)
    expect(box.maxLng - 113.2563).toBeCloseTo(0.019517, 4)
    expect(box.lngRanges).toHaveLength(1)
  })

  test('across the antimeridian the box has two longitude ranges', () => {
    const box = boundingBox({ lat: 0, lng: 179.99 }, 5000)
    expect(box.lngRanges).toHaveLength(2)
    expect(box.lngRanges[0][1]).toBe(180)
    expect(box.lngRanges[1][0]).toBe(-180)
    expect(box.minLng).toBeGreaterThan(box.maxLng)
  })

  test('a circle over a pole takes every longitude', () => {
    const box = boundingBox({ lat: 89.99, lng: 10 }, 5000)
    expect(box.lngRanges).toEqual([[-180, 180]])
    expect(box.maxLat).toBe(90)
    expect(boundingBox({ lat: 0, lng: 0 }, Number.POSITIVE_INFINITY).lngRanges).toEqual([[-180, 180]])
  })

  test('geohash matches the published example and its cell holds the point', () => {
    expect(geohash({ lat: 57.64911, lng: 10.40744 }, 11)).toBe('u4pruydqqvj')
    const p = { lat: 22.8412, lng: 113.2563 }
    const cell = geohashBounds(geohash(p, 6))!
    expect(p.lat).toBeGreaterThanOrEqual(cell.minLat)
    expect(p.lat).toBeLessThan(cell.maxLat)
    expect(p.lng).toBeGreaterThanOrEqual(cell.minLng)
    expect(p.lng).toBeLessThan(cell.maxLng)
    expect(geohashBounds('')).toBeNull()
    expect(geohashBounds('abc')).toBeNull() // 'a' is not in the alphabet
  })

  test('a cover of a 2 km box is a handful of cells sharing the point’s prefix', () => {
    const p = { lat: 22.8412, lng: 113.2563 }
    const { precision, cells } = geohashCover(boundingBox(p, 2000), { maxCells: 16 })
    expect(cells.length).toBeLessThanOrEqual(16)
    expect(precision).toBeGreaterThanOrEqual(5)
    expect(cells).toContain(geohash(p, precision))
    const fixed = geohashCover(boundingBox(p, 2000), { precision: 6 })
    expect(fixed.precision).toBe(6)
    expect(fixed.cells).toContain(geohash(p, 6))
    expect(fixed.cells.every((c) => c.length === 6)).toBe(true)
    expect(() => geohashCover(boundingBox(p, 50_000), { precision: 9 })).toThrow(RangeError)
  })

  test('search radii double up to the maximum, then everything', () => {
    expect(searchRadii(2000, 16_000)).toEqual([2000, 4000, 8000, 16_000, Number.POSITIVE_INFINITY])
  })

  test('a round is complete only when k candidates lie inside the radius', () => {
    const o = { lat: 22.8412, lng: 113.2563 }
    const near = { id: 'near', lat: 22.8327, lng: 113.2448 } // 1.5 km
    const corner = { id: 'corner', lat: 22.8592, lng: 113.2758 } // in a 2 km box, 2.8 km away
    expect(rankNearest(o, [corner, near], 2, 2000)).toEqual({
      ranked: [
        { item: near, distanceM: expect.any(Number) },
        { item: corner, distanceM: expect.any(Number) }
      ],
      complete: false
    })
    expect(rankNearest(o, [corner, near], 1, 2000).complete).toBe(true)
    expect(rankNearest(o, [corner], 2, Number.POSITIVE_INFINITY).complete).toBe(true)
  })
})

describe('the finder', () => {
  const base = (id: string, lat: number, lng: number, amenities: Amenity[], type: StationType, hours: OpeningHours): FinderStation => ({
    id,
    lat,
    lng,
    amenities,
    type,
    ...hours
  })
  const stations: FinderStation[] = [
    base('fengshan', 22.8327, 113.2448, ['water', 'charging', 'toilet'], 'warm', DAY),
    base('desheng', 22.8412, 113.2563, ['water', 'charging', 'microwave', 'childcare'], 'warm', ROUND),
    base('rongqi', 22.7713, 113.2684, ['water', 'charging', 'microwave'], 'warm', NIGHT),
    base('midea', 22.9236, 113.2051, ['water'], 'party', OFFICE)
  ]
  const origin = { lat: 22.8400, lng: 113.2550 } // near 德胜

  test('nearest first, with the distance and the opening label', () => {
    const found = findStations(stations, { origin, at: bj('2026-03-10 23:30') })
    expect(found.map((f) => f.station.id)).toEqual(['desheng', 'fengshan', 'rongqi', 'midea'])
    expect(found[0].distanceText).toBe('189 米')
    expect(found[1].distanceText).toBe('1.3 公里')
    expect(found.map((f) => f.status.label)).toEqual(['24 小时营业', '明天 08:00 开门', '营业至次日 02:00', '明天 09:00 开门'])
  })

  test('open now and amenities narrow the list', () => {
    const at = bj('2026-03-10 23:30')
    expect(findStations(stations, { origin, at, openNow: true }).map((f) => f.station.id)).toEqual(['desheng', 'rongqi'])
    expect(findStations(stations, { origin, at, amenities: ['microwave', 'charging'] }).map((f) => f.station.id)).toEqual(['desheng', 'rongqi'])
    expect(findStations(stations, { origin, at, openNow: true, amenities: ['childcare'] }).map((f) => f.station.id)).toEqual(['desheng'])
    expect(findStations(stations, { origin, at, types: ['party'] }).map((f) => f.station.id)).toEqual(['midea'])
    expect(findStations(stations, { origin, at, radiusM: 2000, limit: 1 }).map((f) => f.station.id)).toEqual(['desheng'])
  })

  test('without a location the order is kept and no distance is shown', () => {
    const found = findStations(stations, { origin: null, at: bj('2026-03-10 12:00') })
    expect(found.map((f) => f.station.id)).toEqual(['fengshan', 'desheng', 'rongqi', 'midea'])
    expect(found.every((f) => f.distanceM === null && f.distanceText === null)).toBe(true)
  })

  test('a town list puts open stations first before the limit, so a closed one never pushes an open one out', () => {
    // 23:30: fengshan (day) and midea (office) are closed, desheng (round the clock) and rongqi (night) open
    const found = findStations(stations, { origin: null, at: bj('2026-03-10 23:30'), openFirst: true, limit: 2 })
    expect(found.map((f) => [f.station.id, f.status.open])).toEqual([
      ['desheng', true],
      ['rongqi', true]
    ])
    expect(found.map((f) => f.status.label)).toEqual(['24 小时营业', '营业至次日 02:00'])
  })
})

describe('在站人数', () => {
  const now = bj('2026-03-10 15:00')
  test.each<[string, (Date | string)[], number]>([
    ['none', [], 0],
    ['59:59.999 ago counts', [new Date(now.getTime() - 3_599_999)], 1],
    ['exactly an hour ago does not', [new Date(now.getTime() - 3_600_000)], 0],
    ['now counts', [now], 1],
    ['a check-in in the future does not', [new Date(now.getTime() + 1000)], 0],
    ['ISO strings, a bad one ignored', [iso('2026-03-10 14:30'), iso('2026-03-10 14:59'), 'nonsense', iso('2026-03-10 13:00')], 2]
  ])('%s', (_name, checkIns, n) => {
    expect(peopleOnSite(checkIns, now)).toBe(n)
  })
})

test('durations read in Chinese', () => {
  expect([0, 45, 60, 90, 120, 1440, 1500].map(durationText)).toEqual(['0 分钟', '45 分钟', '1 小时', '1 小时 30 分钟', '2 小时', '1 天', '1 天 1 小时'])
})
