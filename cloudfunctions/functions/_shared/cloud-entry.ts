import cloud from 'wx-server-sdk'
import { randomBytes } from 'node:crypto'
import type { FnName, Result } from '@contract'
import { dispatch } from '../../app/dispatch'
import { hmacTokens } from '../../app/auth/tokens'
import type { Deps } from '../../app/context'
import type { PhotoStore } from '../../app/storage'
import { openPostgres } from '../../db/postgres'
import { migrate } from '../../db/migrate'
import { runSweep, type SweepReport } from '../../app/sweeper'
import { runBookingSweep } from '../../app/no-shows'
import { runPeriodic, type PeriodicReport } from '../../app/periodic'
import { retrainRouting } from '../../app/retrain'
import { drainOutbox, type OutboxReport } from '../../app/outbox'
import { applyMediaVerdict, mediaPushOf } from '../../app/media-verdict'
import { wxContentGuard } from './wx-content-guard'
import starter from '../../../data/routing/starter.jsonl'

let ready: Promise<Deps> | undefined

/** Photos in WeChat cloud storage: the client uploads them; readers get WeChat's temporary URLs. */
const wxCloudPhotos: PhotoStore = {
  kind: 'wxcloud',
  async url(fileId) {
    const { fileList } = await cloud.getTempFileURL({ fileList: [fileId] })
    return fileList[0]?.tempFileURL ?? ''
  }
}

/** One pool per warm instance; migrations run once per cold start under their advisory lock. */
async function makeDeps(): Promise<Deps> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set for this cloud function')
  const db = openPostgres(url, 3)
  await migrate(db)
  return {
    db,
    // on WeChat the caller is the OPENID; tokens are only for the HTTP host, so any secret will do
    tokens: hmacTokens(process.env.SESSION_SECRET || randomBytes(32).toString('hex')),
    demo: process.env.LST_DEMO === '1',
    routingStarter: () => starter,
    photos: wxCloudPhotos,
    contentGuard: wxContentGuard,
    now: () => new Date(),
    log: (message, error) => console.error(message, error)
  }
}

/**
 * The whole of a cloud function: identity from WeChat's context (never from the event), then the
 * same dispatcher as the HTTP host.
 */
export function cloudEntry(fn: FnName) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return async (event: unknown): Promise<Result<unknown>> => {
    try {
      ready ??= makeDeps()
      const deps = await ready
      const { OPENID } = cloud.getWXContext()
      return dispatch(deps, fn, event, OPENID ? { kind: 'openid', openid: OPENID } : { kind: 'none' })
    } catch (e) {
      ready = undefined
      console.error(`${fn}: backend unavailable`, e)
      return { ok: false, error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } }
    }
  }
}

/** The timer-triggered sweeper: same database, same rules, one run per trigger. */
export function sweeperEntry() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return async (): Promise<SweepReport & { noShows: number; reminders: number } & PeriodicReport> => {
    ready ??= makeDeps()
    const deps = await ready
    const report = await runSweep(deps)
    return { ...report, ...(await runBookingSweep(deps)), ...(await runPeriodic(deps)) }
  }
}

/** The timer-triggered retrainer: the starter set bundled in, the learned examples from the database. */
export function retrainerEntry() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return async (): Promise<{ examples: number } | null> => {
    ready ??= makeDeps()
    const deps = await ready
    return deps.db.tx((q) => retrainRouting(q, starter, deps.now()))
  }
}

/** The timer-triggered notifier: outbox rows become subscribe messages (template ids from the environment). */
export function notifierEntry() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return async (): Promise<OutboxReport> => {
    ready ??= makeDeps()
    const sender = { send: async (m: Parameters<typeof cloud.openapi.subscribeMessage.send>[0]) => void (await cloud.openapi.subscribeMessage.send(m)) }
    return drainOutbox(await ready, sender, {
      problem_update: process.env.LST_TEMPLATE_PROBLEM_UPDATE,
      problem_todo: process.env.LST_TEMPLATE_PROBLEM_TODO,
      booking_reminder: process.env.LST_TEMPLATE_BOOKING_REMINDER
    })
  }
}

/**
 * WeChat's message push of an image verdict (Event wxa_media_check), routed to this function in the
 * cloud console's 消息推送 settings. Other events and shapes are ignored; a verdict WeChat could not
 * reach (it failed to fetch the image) leaves the photo pending, seen by its owner alone.
 */
export function contentCheckEntry() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return async (event: unknown): Promise<{ updated: number }> => {
    const push = mediaPushOf(event)
    if (!push) return { updated: 0 }
    ready ??= makeDeps()
    const deps = await ready
    if (!push.suggest) {
      deps.log(`media check ${push.traceId} gave no verdict (errcode ${push.errcode}); the photo stays pending`)
      return { updated: 0 }
    }
    return applyMediaVerdict(deps, push.traceId, push.suggest)
  }
}
