import { createHmac, timingSafeEqual } from 'node:crypto'

const TTL_MS = 10 * 60 * 1000

/**
 * Short-lived signed addresses for photos on the HTTP host. An <Image> cannot send the session
 * header, so the handler that already checked the reader signs the address instead.
 */
export function photoLinks(secret: string) {
  const sign = (id: string, exp: number) => createHmac('sha256', `photo:${secret}`).update(`${id}.${exp}`).digest('base64url')
  return {
    url(photoId: string, now: Date): string {
      const exp = now.getTime() + TTL_MS
      return `/api/files/${encodeURIComponent(photoId)}?exp=${exp}&sig=${sign(photoId, exp)}`
    },
    verify(photoId: string, exp: string | null, sig: string | null, now: Date): boolean {
      const e = Number(exp)
      if (!sig || !Number.isFinite(e) || e < now.getTime()) return false
      const want = Buffer.from(sign(photoId, e))
      const got = Buffer.from(sig)
      return want.length === got.length && timingSafeEqual(want, got)
    }
  }
}
