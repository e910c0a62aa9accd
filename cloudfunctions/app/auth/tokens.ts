import { createHmac, timingSafeEqual } from 'node:crypto'

export interface TokenService {
  issue(personId: string, now: Date): string
  /** The person id, or null when the token is forged, malformed or expired. */
  verify(token: string, now: Date): string | null
  /** A signature for other signed data (check-in codes), under its own purpose so it is never a session. */
  sign(purpose: string, data: string): string
  verifySignature(purpose: string, data: string, signature: string): boolean
}

const TTL_MS = 7 * 24 * 60 * 60 * 1000

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url')

/** Signed, expiring session tokens (HMAC-SHA256): the host keeps no session table. */
export function hmacTokens(secret: string, ttlMs = TTL_MS): TokenService {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url')
  const signFor = (purpose: string, data: string) => createHmac('sha256', `${purpose}:${secret}`).update(data).digest('base64url')
  return {
    sign: signFor,
    verifySignature(purpose, data, signature) {
      const want = Buffer.from(signFor(purpose, data))
      const got = Buffer.from(signature)
      return want.length === got.length && timingSafeEqual(want, got)
    },
    issue(personId, now) {
      const body = b64(JSON.stringify({ sub: personId, exp: now.getTime() + ttlMs }))
      return `v1.${body}.${sign(body)}`
    },
    verify(token, now) {
      const [v, body, sig] = token.split('.')
      if (v !== 'v1' || !body || !sig) return null
      const want = Buffer.from(sign(body))
      const got = Buffer.from(sig)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null
      try {
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown }
        if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= now.getTime()) return null
        return claims.sub
      } catch {
        return null
      }
    }
  }
}
