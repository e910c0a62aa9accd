import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Db } from '../../cloudfunctions/db/client'
import { localPhotoStore } from '../../cloudfunctions/local/photo-store'
import { unwrap, type Harness } from './harness'

/** A PNG header and random bytes: the upload check reads the header only, and every photo differs. */
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]).toString('base64')

const text = {
  title: '普工招聘难，流失率高',
  content: '今年普工招聘特别难，春节后返岗率低，流水线缺人三十多个，希望人社部门组织专场招聘并给予稳岗补贴。',
  category: 'recruitment' as const
}

/**
 * Demo data plus what a district's database holds after some use, through the real handlers: problems with
 * photos (bytes under photoDir), votes, a merge (problems.merged_into refers to problems), acceptance and
 * replies (problem_events, notices, outbox); then rows that test the text forms: JSON null beside SQL
 * NULL, numbers a JavaScript double would round, quotes, newlines and emoji, arrays, microseconds, an
 * identity column and a sequence moved on.
 */
export async function populate(h: Harness, photoDir: string): Promise<{ problems: string[]; photos: string[] }> {
  h.deps.photos = localPhotoStore(photoDir, 'test-secret')
  const murata = await h.signIn('enterprise')
  const dispatcher = await h.signIn('dispatcher')
  const hr = await h.signIn('handler')
  const [peer] = await h.db.query<{ id: string }>(
    `SELECT id FROM enterprises WHERE chain_id = (SELECT chain_id FROM enterprises WHERE id = 'e-murata') AND id <> 'e-murata' ORDER BY id LIMIT 1`
  )
  const hongjin = await h.person('enterprise', peer.id)
  const upload = async (token: string) => unwrap(await h.call('files', 'upload', { mimeType: 'image/png', base64: png() }, { as: token })).id
  const photos = [await upload(murata), await upload(murata), await upload(hongjin)]

  const a = unwrap(await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata', visibleToChain: true, photos: photos.slice(0, 2) }, { as: murata }))
  const b = unwrap(await h.call('problems', 'file', { ...text, title: '流水线普工招不到人', enterpriseId: peer.id, photos: photos.slice(2) }, { as: hongjin }))
  unwrap(await h.call('problems', 'vote', { id: a.id }, { as: hongjin }))
  const chain = unwrap(await h.call('problems', 'merge', { problemIds: [a.id, b.id], title: '智能家电链普工招聘难' }, { as: dispatcher }))
  unwrap(await h.call('problems', 'act', { id: chain.id, action: { type: 'accept' } }, { as: hr }))
  unwrap(await h.call('problems', 'act', { id: chain.id, action: { type: 'reply', content: '下周举办智能家电链普工专场招聘会，并开放稳岗补贴申报。' } }, { as: hr }))
  const c = unwrap(
    await h.call('problems', 'file', { title: '厂区门口路灯不亮', content: '厂区外道路路灯坏了两个月，夜班员工下班不安全，希望尽快修复。', category: 'other', enterpriseId: 'e-murata' }, { as: murata })
  )

  await h.db.exec(`
    INSERT INTO request_log (caller, fn, action, request_id, response, created_at) VALUES
      ('backup-test', 'problems', 'file', 'sql-null', NULL, '2026-11-23 02:00:00.123456+00'),
      ('backup-test', 'problems', 'file', 'json-null', 'null'::jsonb, '2026-11-23 02:00:00.000001+00'),
      ('backup-test', 'problems', 'file', 'numbers', '{"x": 1.10, "big": 123456789012345678901234567890, "tiny": 1e-30, "s": "a\\"b\\\\c\\n"}', now());
    INSERT INTO routing_models (model, examples, trained_at) VALUES ('{"w": [0.1, 0.30000000000000004, -0.0]}', 3, '2026-11-23 02:00:00.654321+00');
    UPDATE people SET name = E'陈"晓敏\\\\反斜杠\\n换行\\t制表😀''单引号' WHERE id = (SELECT id FROM people ORDER BY id LIMIT 1);
    UPDATE stations SET closures = ARRAY['2026-12-01', '2026-12-25']::date[], amenities = ARRAY['a,b', 'c"d', 'e{f}', NULL, '']::text[]
     WHERE id = (SELECT id FROM stations ORDER BY id LIMIT 1);
    UPDATE stations SET lat = 22.123456789012345, lng = 113.1 WHERE id = (SELECT id FROM stations ORDER BY id DESC LIMIT 1);
    SELECT nextval('bookings_line'), nextval('bookings_line'), nextval('bookings_line');
  `)
  await h.db.query('UPDATE problems SET routing_confidence = 0.1 WHERE id = $1', [c.id])
  return { problems: [a.id, b.id, chain.id, c.id], photos }
}

export type Snapshot = Record<string, string[]>

/**
 * Every table's rows as PostgreSQL's record text (sorted), every sequence's position and the applied
 * migrations — read independently of the backup code, in text forms that are the same on both engines.
 */
export async function snapshot(db: Db): Promise<Snapshot> {
  return db.tx(async (q) => {
    await q.exec(`SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL extra_float_digits = 3`)
    const rels = await q.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'S') ORDER BY 1`
    )
    const out: Snapshot = {}
    for (const { name, kind } of rels) {
      const rows =
        kind === 'S'
          ? await q.query<{ r: string }>(`SELECT last_value::text || ' ' || is_called::text AS r FROM "${name}"`)
          : name === 'schema_migrations'
            ? await q.query<{ r: string }>(`SELECT version || ' ' || name AS r FROM schema_migrations`)
            : await q.query<{ r: string }>(`SELECT t::text AS r FROM "${name}" t`)
      out[`${kind === 'S' ? 'sequence' : 'table'} ${name}`] = rows.map((r) => r.r).sort()
    }
    return out
  })
}

/** The photo files of a data directory, by name. */
export function photoFiles(dataDir: string): Record<string, string> {
  const dir = path.join(dataDir, 'photos')
  if (!fs.existsSync(dir)) return {}
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .sort()
      .map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('base64')])
  )
}

/** Tables of the current schema (none in a database nothing was restored into). */
export async function tableCount(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`
  )
  return n
}
