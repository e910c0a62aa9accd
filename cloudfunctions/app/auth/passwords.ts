import { createHash, randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { INVITE_ALPHABET, INVITE_LENGTH } from '../../core'

// scrypt with N = 2^15, r = 8, p = 1: about 50 ms and 32 MB a check on a server core — slow for a guesser,
// fine for a person signing in a few times a day.
const PARAMS = { N: 1 << 15, r: 8, p: 1 }
const KEY_LENGTH = 32

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key)))
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const want = Buffer.from(hash, 'base64url')
  const got = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return want.length === got.length && timingSafeEqual(want, got)
}

/** A fresh invite code: INVITE_LENGTH symbols drawn uniformly from INVITE_ALPHABET. */
export function newInviteCode(): string {
  let out = ''
  for (let i = 0; i < INVITE_LENGTH; i++) out += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]
  return out
}

/** Only this is stored: a leaked table does not hand out roles. */
export function inviteHash(code: string): string {
  return createHash('sha256').update(`invite:${code}`).digest('hex')
}

/** A one-time secret for the first administrator (printed once by `npm run admin -- create`). */
export function newSecret(): string {
  // letters and digits only, so it also satisfies the password rule
  return `${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}7a`
}
