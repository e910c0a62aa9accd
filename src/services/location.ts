import Taro from '@tarojs/taro'

export interface Position {
  lat: number
  lng: number
}

/** How long to wait for a fix: a rider should not stare at a spinner, nor a secretary wait to save a visit. */
export const LOCATION_TIMEOUT_MS = 8000

export interface LocateOptions {
  /** GPS rather than network position (a visit's place); the finder is happy with a rough fix. */
  precise?: boolean
  /** How old a cached browser fix may be. */
  maxAgeMs?: number
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      }
    )
  })
}

function browserPosition(opts: LocateOptions): Promise<Position> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
    if (!geo) {
      reject(new Error('unavailable'))
      return
    }
    geo.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(e),
      { enableHighAccuracy: opts.precise ?? false, timeout: LOCATION_TIMEOUT_MS, maximumAge: opts.maxAgeMs ?? 5 * 60_000 }
    )
  })
}

const valid = (p: Position | null): Position | null =>
  p && Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180 ? p : null

/**
 * Where the person is, or null when they refused, the device cannot tell, or it took too long.
 * WeChat: Taro.getLocation in gcj02 (what WeChat's maps, openLocation and our stored places use);
 * H5: the browser's geolocation (a district PC usually has none).
 */
export async function locate(opts: LocateOptions = {}): Promise<Position | null> {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEAPP) {
    const fix = Promise.resolve()
      .then(() => Taro.getLocation({ type: 'gcj02' }))
      .then((r) => ({ lat: r.latitude, lng: r.longitude }))
    return valid(await withTimeout(fix, LOCATION_TIMEOUT_MS))
  }
  return valid(await withTimeout(browserPosition(opts), LOCATION_TIMEOUT_MS + 500))
}
