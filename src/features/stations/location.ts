import Taro from '@tarojs/taro'

export interface Position {
  lat: number
  lng: number
}

/** How long to wait for a fix before falling back to the town picker (a rider should not stare at a spinner). */
export const LOCATION_TIMEOUT_MS = 8000

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

function browserPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
    if (!geo) {
      reject(new Error('unavailable'))
      return
    }
    geo.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(e),
      { enableHighAccuracy: false, timeout: LOCATION_TIMEOUT_MS, maximumAge: 5 * 60_000 }
    )
  })
}

/**
 * Where the person is, or null when they refused, the device cannot tell, or it took too long.
 * WeChat: Taro.getLocation in gcj02 (what WeChat's maps and openLocation use); H5: the browser's geolocation.
 */
export async function locate(): Promise<Position | null> {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEAPP) {
    const fix = Taro.getLocation({ type: 'gcj02' }).then((r) => ({ lat: r.latitude, lng: r.longitude }))
    return withTimeout(fix, LOCATION_TIMEOUT_MS)
  }
  return withTimeout(browserPosition(), LOCATION_TIMEOUT_MS + 500)
}
