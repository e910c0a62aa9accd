import fc from 'fast-check'
import type { DayHours } from '@contract'
import {
  boundingBox,
  distanceMeters,
  EARTH_RADIUS_M,
  geohash,
  geohashBounds,
  geohashCover,
  inBoundingBox,
  isOpenAt,
  nextChange,
  openingStatus,
  peopleOnSite,
  rankNearest,
  searchRadii,
  type LatLng,
  type OpeningHours
} from '../../cloudfunctions/core/stations'

const anywhere = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) })
// the district and its surroundings
const shunde = fc.record({ lat: fc.double({ min: 22.6, max: 23.05, noNaN: true }), lng: fc.double({ min: 113.0, max: 113.4, noNaN: true }) })

/** The point `metres` from `from` on `bearing` (radians), by the spherical direct formula. */
function destination(from: LatLng, bearing: number, metres: number): LatLng {
  const d = metres / EARTH_RADIUS_M
  const φ1 = (from.lat * Math.PI) / 180
  const λ1 = (from.lng * Math.PI) / 180
  const φ2 = Math.asin(Math.min(1, Math.max(-1, Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing))))
  const λ2 = λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2))
  let lng = (λ2 * 180) / Math.PI
  while (lng > 180) lng -= 360
  while (lng < -180) lng += 360
  return { lat: (φ2 * 180) / Math.PI, lng }
}

describe('distance', () => {
  test('symmetric, never negative, zero to itself, at most half the circumference', () => {
    fc.assert(
      fc.property(anywhere, anywhere, (a, b) => {
        const ab = distanceMeters(a, b)
        expect(ab).toBe(distanceMeters(b, a))
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_M + 1e-6)
        expect(distanceMeters(a, a)).toBe(0)
      }),
      { numRuns: 1000 }
    )
  })

  // to a millimetre of rounding, antipodal points included
  test('triangle inequality', () => {
    fc.assert(
      fc.property(anywhere, anywhere, anywhere, (a, b, c) => {
        expect(distanceMeters(a, c)).toBeLessThanOrEqual(distanceMeters(a, b) + distanceMeters(b, c) + 1e-3)
      }),
      { numRuns: 500 }
    )
  })
})

describe('bounding box', () => {
  test('every point within the radius lies in the box, near the poles and across ±180° too', () => {
    const center = fc.oneof(anywhere, shunde, fc.record({ lat: fc.double({ min: 85, max: 90, noNaN: true }), lng: fc.double({ min: 179, max: 180, noNaN: true }) }))
    fc.assert(
      fc.property(center, fc.double({ min: 1, max: 500_000, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, r, bearing, f) => {
        const p = destination(c, bearing, r * f)
        const box = boundingBox(c, r)
        if (distanceMeters(c, p) <= r) expect(inBoundingBox(p, box)).toBe(true)
        expect(inBoundingBox(c, box)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  test('the widening search finds the same k nearest as a full scan', () => {
    const station = fc.record({ id: fc.uuid(), lat: fc.double({ min: 22.6, max: 23.05, noNaN: true }), lng: fc.double({ min: 113.0, max: 113.4, noNaN: true }) })
    fc.assert(
      fc.property(shunde, fc.array(station, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (origin, table, k) => {
        let result: number[] | null = null
        for (const r of searchRadii(1000, 8000)) {
          const box = boundingBox(origin, r)
          const rows = table.filter((s) => inBoundingBox(s, box)) // what the index range scan returns
          const round = rankNearest(origin, rows, k, r)
          if (round.complete) {
            result = round.ranked.map((x) => x.distanceM)
            break
          }
        }
        const brute = rankNearest(origin, table, k, Number.POSITIVE_INFINITY).ranked.map((x) => x.distanceM)
        expect(result).toEqual(brute)
      }),
      { numRuns: 500 }
    )
  })
})

describe('geohash', () => {
  test('a point lies in its own cell at every precision', () => {
    fc.assert(
      fc.property(anywhere, fc.integer({ min: 1, max: 12 }), (p, precision) => {
        const hash = geohash(p, precision)
        expect(hash).toHaveLength(precision)
        const cell = geohashBounds(hash)!
        expect(p.lat).toBeGreaterThanOrEqual(cell.minLat - 1e-9)
        expect(p.lat).toBeLessThanOrEqual(cell.maxLat + 1e-9)
        expect(p.lng).toBeGreaterThanOrEqual(cell.minLng - 1e-9)
        expect(p.lng).toBeLessThanOrEqual(cell.maxLng + 1e-9)
        expect(geohash(p, 12).startsWith(hash)).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })

  test('the cover of a box holds the cell of every point within the radius', () => {
    fc.assert(
      fc.property(shunde, fc.double({ min: 100, max: 20_000, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 64 }), (c, r, bearing, f, maxCells) => {
        const { precision, cells } = geohashCover(boundingBox(c, r), { maxCells })
        const p = destination(c, bearing, r * f)
        expect(cells).toContain(geohash(p, precision))
        if (precision > 1) expect(cells.length).toBeLessThanOrEqual(maxCells)
      }),
      { numRuns: 500 }
    )
  })
})

describe('opening hours', () => {
  const hm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
  const dayHours: fc.Arbitrary<DayHours | null> = fc.option(fc.record({ open: hm, close: fc.oneof(hm, fc.constant('24:00')) }), { nil: null })
  const closureDay = fc.integer({ min: 0, max: 40 }).map((i) => new Date(Date.UTC(2026, 1, 1 + i)).toISOString().slice(0, 10))
  const station: fc.Arbitrary<OpeningHours> = fc.record({
    open24h: fc.boolean(),
    hours: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    closedOnHolidays: fc.boolean(),
    closures: fc.array(closureDay, { maxLength: 6 })
  })
  const instant = fc.integer({ min: Date.UTC(2026, 1, 1), max: Date.UTC(2026, 2, 10) }).map((ms) => new Date(ms))

  test('the state holds until the next change, and flips at it', () => {
    fc.assert(
      fc.property(station, instant, fc.double({ min: 0, max: 1, noNaN: true }), (s, at, f) => {
        const open = isOpenAt(s, at)
        const next = nextChange(s, at)
        if (!next) return
        const t = new Date(next.at).getTime()
        expect(t).toBeGreaterThan(at.getTime())
        expect(next.kind).toBe(open ? 'closes' : 'opens')
        expect(isOpenAt(s, new Date(t - 1))).toBe(open)
        expect(isOpenAt(s, new Date(at.getTime() + Math.floor((t - at.getTime()) * f * 0.999)))).toBe(open)
        expect(isOpenAt(s, new Date(t))).toBe(!open)
      }),
      { numRuns: 1000 }
    )
  })

  test('junk hours never throw: they count as closed', () => {
    const junk = fc.oneof(fc.constant(null), fc.record({ open: fc.string(), close: fc.string() }), fc.anything()) as fc.Arbitrary<DayHours | null>
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 9 }), instant, (hours, at) => {
        const status = openingStatus({ open24h: false, hours }, at)
        expect(typeof status.label).toBe('string')
      }),
      { numRuns: 300 }
    )
  })
})

test('在站人数 counts only the last hour and never more than were given', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -7_200_000, max: 600_000 })), (offsets) => {
      const now = new Date(Date.UTC(2026, 2, 10, 7))
      const n = peopleOnSite(offsets.map((o) => new Date(now.getTime() + o)), now)
      expect(n).toBe(offsets.filter((o) => o > -3_600_000 && o <= 0).length)
    })
  )
})
