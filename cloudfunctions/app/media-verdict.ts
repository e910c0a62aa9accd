import type { Deps } from './context'
import { addNotice } from './notice'

/** WeChat's suggestion for an image: pass, review (a person should look) or risky. */
export type MediaSuggest = 'pass' | 'review' | 'risky'

export interface MediaPush {
  traceId: string
  /** null when WeChat could not judge the image (it failed to download it, …): errcode says why. */
  suggest: MediaSuggest | null
  errcode: number
}

const SUGGESTS: readonly string[] = ['pass', 'review', 'risky']

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The verdict in WeChat's message push `{Event: 'wxa_media_check', trace_id, errcode, result: {suggest,
 * label}}`, or null for any other event or shape.
 */
export function mediaPushOf(event: unknown): MediaPush | null {
  if (!isRecord(event) || event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string' || !event.trace_id) return null
  const result = isRecord(event.result) ? event.result : {}
  const suggest = typeof result.suggest === 'string' && SUGGESTS.includes(result.suggest) ? (result.suggest as MediaSuggest) : null
  return { traceId: event.trace_id, suggest, errcode: typeof event.errcode === 'number' ? event.errcode : 0 }
}

/**
 * Settles the photo whose asynchronous check quoted this trace id. Only a pending photo changes, so a
 * push WeChat repeats changes nothing and tells nobody twice. 'review' is shown like 'pass', as with
 * text (app/content-guard.ts): WeChat asks for a person's look, and the photo's readers are that person;
 * hiding it would take evidence away from a complaint. A risky photo disappears for everyone but its
 * owner, who is told why.
 *
 * The trace id is the only key: WeChat hands it to the cloud function that uploaded, we keep it in the
 * database and never send it to a client, so nobody can name a photo's verdict without knowing it.
 */
export async function applyMediaVerdict(deps: Deps, traceId: string, suggest: MediaSuggest): Promise<{ updated: number }> {
  const state = suggest === 'risky' ? 'risky' : 'pass'
  const now = deps.now()
  const rows = await deps.db.tx(async (q) => {
    const changed = await q.query<{ id: string; owner_person_id: string; problem_id: string | null }>(
      `UPDATE files SET moderation = $2 WHERE moderation_trace = $1 AND moderation = 'pending' RETURNING id, owner_person_id, problem_id`,
      [traceId, state]
    )
    if (state === 'risky') {
      for (const f of changed) {
        await addNotice(
          q,
          {
            person: f.owner_person_id,
            title: '照片未通过内容安全检查',
            body: '您上传的一张照片含有不适宜公开的内容，已不再向他人显示。如需补充材料，请更换照片后重新提交。',
            problemId: f.problem_id
          },
          now
        )
      }
    }
    return changed
  })
  if (!rows.length) deps.log(`media verdict for unknown or settled trace ${traceId}`)
  return { updated: rows.length }
}
