import Taro from '@tarojs/taro'
import { privacyRequestWaiting, refusalOf, subscribePrivacy, type Refusal } from './privacy'

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

/** What came of asking: a position, or none and why (refused: the person said no; null: no fix in time). */
export type Located = { position: Position; refused: null } | { position: null; refused: Refusal | null }

const NONE: Located = { position: null, refused: null }

/** How the person can allow the position again, in Chinese (WeChat and the browser differ). */
export function locationRefusalText(refused: Refusal): string {
  if (refused === 'privacy') return '您没有同意《隐私保护指引》，暂时无法定位。点“重新定位”，在弹出的说明中点“同意”即可。'
  if (refused === 'system') return '手机没有允许微信使用定位。请在手机的“设置”中为微信打开位置权限，再点“重新定位”。'
  return Taro.getEnv() === Taro.ENV_TYPE.WEAPP
    ? '您没有允许使用位置。请点右上角“···”→“设置”，打开“位置信息”，再点“重新定位”。'
    : '浏览器没有允许定位。请在地址栏左侧的网站设置中允许使用位置，再点“重新定位”。'
}

/** `p`, or `fallback` after `ms`; the clock stops while WeChat's privacy popup waits for the person. */
function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    let done = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let unsubscribe: (() => void) | undefined
    const finish = (v: T) => {
      if (done) return
      done = true
      clearTimeout(timer)
      unsubscribe?.()
      resolve(v)
    }
    const expire = () => {
      if (!privacyRequestWaiting()) return finish(fallback)
      // the person is reading the privacy popup: give WeChat the full time again once they have answered
      unsubscribe = subscribePrivacy(() => {
        if (privacyRequestWaiting()) return
        unsubscribe?.()
        unsubscribe = undefined
        timer = setTimeout(expire, ms)
      })
    }
    timer = setTimeout(expire, ms)
    p.then(finish, () => finish(fallback))
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

const valid = (p: Position): Located =>
  Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180 ? { position: p, refused: null } : NONE

const outcome = (fix: Promise<Position>): Promise<Located> => fix.then(valid, (e: unknown) => ({ position: null, refused: refusalOf(e) }))

/**
 * Where the person is, or why not: refused (the privacy popup, WeChat's permission, the phone's setting,
 * the browser), or no fix in time. WeChat: Taro.getLocation in gcj02 (what WeChat's maps, openLocation
 * and our stored places use); H5: the browser's geolocation (a district PC usually has none).
 */
export async function locateOrWhy(opts: LocateOptions = {}): Promise<Located> {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEAPP) {
    const fix = Promise.resolve()
      .then(() => Taro.getLocation({ type: 'gcj02' }))
      .then((r) => ({ lat: r.latitude, lng: r.longitude }))
    return withTimeout(outcome(fix), LOCATION_TIMEOUT_MS, NONE)
  }
  return withTimeout(outcome(browserPosition(opts)), LOCATION_TIMEOUT_MS + 500, NONE)
}

/** Where the person is, or null when they refused, the device cannot tell, or it took too long. */
export async function locate(opts: LocateOptions = {}): Promise<Position | null> {
  return (await locateOrWhy(opts)).position
}
