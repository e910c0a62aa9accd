import { LIMITS, type Photo } from '@contract'
import type { Caller, Ctx } from '../context'
import { screenImage } from '../content-guard'
import { AppError } from '../errors'
import { newId } from '../ids'
import { requireCaller } from '../policy'
import type { Queryable } from '../../db/client'
import type { PhotoStore } from '../storage'

function store(ctx: Ctx, kind: PhotoStore['kind']): PhotoStore {
  const s = ctx.deps.photos
  if (!s || s.kind !== kind) {
    throw new AppError('UNAVAILABLE', kind === 'local' ? '此部署请通过微信云存储上传照片' : '此部署不使用微信云存储，请直接上传照片')
  }
  return s
}

// Image files announce themselves in their first bytes; a mislabelled upload is refused.
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'
}

async function upload(ctx: Ctx, input: { mimeType: string; base64: string }): Promise<Photo> {
  const caller = requireCaller(ctx.caller)
  const s = store(ctx, 'local')
  const bytes = Buffer.from(input.base64, 'base64')
  if (bytes.length > LIMITS.photoBytesMax) throw new AppError('VALIDATION', '图片不超过 3 MB，请压缩后再传', { base64: '图片过大' })
  if (!MAGIC[input.mimeType]?.(bytes)) throw new AppError('VALIDATION', '文件内容与图片格式不符', { base64: '不是有效的图片' })
  const id = newId('ph')
  const url = await s.url(id, id, ctx.now)
  // checked before the bytes are kept, so a refused photo leaves nothing behind; the local guard has no
  // image model and passes it, a deployment's own guard may hold it for review
  const verdict = await screenImage(ctx, { storageKey: id, url }, 'base64')
  await s.save?.(id, bytes)
  await insert(ctx.q, { id, owner: caller.personId, storage: 'local', key: id, mime: input.mimeType, bytes: bytes.length, now: ctx.now, ...verdict })
  return { id, url }
}

async function register(ctx: Ctx, input: { fileId: string }): Promise<Photo> {
  const caller = requireCaller(ctx.caller)
  const s = store(ctx, 'wxcloud')
  const id = newId('ph')
  const url = await s.url(input.fileId, id, ctx.now)
  // WeChat judges images asynchronously: the photo is kept as pending, seen by its owner alone, until
  // the verdict quoting this trace id arrives (functions/contentcheck → applyMediaVerdict)
  const verdict = await screenImage(ctx, { storageKey: input.fileId, url }, 'fileId')
  await insert(ctx.q, { id, owner: caller.personId, storage: 'wxcloud', key: input.fileId, mime: 'image/*', bytes: 0, now: ctx.now, ...verdict })
  return { id, url }
}

interface NewFile {
  id: string
  owner: string
  storage: PhotoStore['kind']
  key: string
  mime: string
  bytes: number
  now: Date
  state: 'pass' | 'pending'
  traceId?: string
}

async function insert(q: Queryable, f: NewFile) {
  await q.query(
    `INSERT INTO files (id, owner_person_id, storage, storage_key, mime_type, bytes, created_at, moderation, moderation_trace)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [f.id, f.owner, f.storage, f.key, f.mime, f.bytes, f.now, f.state, f.traceId ?? null]
  )
}

/** What a photo can belong to; the column of `files` that says so. */
export type PhotoOwner = 'problem' | 'station' | 'activity' | 'visit'

const OWNER_COLUMN: Record<PhotoOwner, string> = { problem: 'problem_id', station: 'station_id', activity: 'activity_id', visit: 'visit_id' }

const UNUSED = 'problem_id IS NULL AND station_id IS NULL AND activity_id IS NULL AND visit_id IS NULL'

/** Attaches the caller's own, not yet used photos to a new problem (activity, visit), in the given order. */
export async function attachPhotos(q: Queryable, ownerId: string, target: string, ids: string[], of: PhotoOwner = 'problem'): Promise<void> {
  const unique = [...new Set(ids)]
  for (const [position, id] of unique.entries()) {
    const done = await q.query(
      `UPDATE files SET ${OWNER_COLUMN[of]} = $3, position = $4 WHERE id = $1 AND owner_person_id = $2 AND ${UNUSED} RETURNING id`,
      [id, ownerId, target, position]
    )
    if (!done.length) throw new AppError('VALIDATION', '有照片不存在或已被使用，请重新上传', { photos: '有照片不存在或已被使用，请重新上传' })
  }
}

/**
 * Whether this reader may see a photo as far as content security goes: one that passed, or their own
 * (still pending, or refused after the fact: its owner sees what the others no longer do).
 */
export const photoShownTo = (caller: Caller | null, p: { moderation: string; ownerId: string }): boolean =>
  p.moderation === 'pass' || (caller !== null && caller.personId === p.ownerId)

/** The problem's (or station's) photos with addresses, for a reader the caller has already checked. */
export async function photosOf(ctx: Ctx, owner: string, of: PhotoOwner = 'problem'): Promise<Photo[]> {
  const rows = await ctx.q.query<{ id: string; storage: PhotoStore['kind']; storage_key: string; moderation: string; owner_person_id: string }>(
    `SELECT id, storage, storage_key, moderation, owner_person_id FROM files WHERE ${OWNER_COLUMN[of]} = $1 ORDER BY position`,
    [owner]
  )
  const s = ctx.deps.photos
  if (!s) return []
  const shown = rows.filter((r) => r.storage === s.kind && photoShownTo(ctx.caller, { moderation: r.moderation, ownerId: r.owner_person_id }))
  return Promise.all(shown.map(async (r) => ({ id: r.id, url: await s.url(r.storage_key, r.id, ctx.now) })))
}

/**
 * Sets a station's photos to exactly these, in this order: each is already the station's, or the
 * caller's own upload not yet used anywhere. Photos left out stop showing (their bytes stay, unlinked).
 */
export async function setStationPhotos(q: Queryable, ownerId: string, stationId: string, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)]
  await q.query('UPDATE files SET station_id = NULL, position = NULL WHERE station_id = $1 AND NOT (id = ANY($2::text[]))', [stationId, unique])
  for (const [position, id] of unique.entries()) {
    const done = await q.query(
      `UPDATE files SET station_id = $3, position = $4
        WHERE id = $1 AND (station_id = $3 OR (${UNUSED} AND owner_person_id = $2)) RETURNING id`,
      [id, ownerId, stationId, position]
    )
    if (!done.length) throw new AppError('VALIDATION', '有照片不存在或已被使用，请重新上传', { photos: '有照片不存在或已被使用，请重新上传' })
  }
}

export const files = { upload, register }
