import fs from 'node:fs'
import path from 'node:path'
import { findBlockedWord, parseWordList } from '../core/moderation'
import type { Ctx, Deps } from './context'
import { AppError } from './errors'

/** WeChat's scenes for its checks: 资料 (profile), 评论 (comment), 论坛 (forum), 社交日志 (social). */
export type TextScene = 'comment' | 'forum' | 'profile' | 'social'

/** WeChat's answer for text: risky is refused; review means "a person should look" (see screenTexts). */
export type TextVerdict = 'pass' | 'risky' | 'review'

/** An image is judged at once (pass, risky) or later (pending, with the trace id the verdict will quote). */
export interface ImageVerdict {
  state: 'pass' | 'pending' | 'risky'
  traceId?: string
}

/**
 * The content-security port: user text and photos are checked before anyone else sees them. On WeChat
 * the adapter asks msgSecCheck and mediaCheckAsync (functions/_shared/wx-content-guard.ts); elsewhere
 * a word list stands in. Adapters throw when they cannot answer; the helpers below decide what then.
 */
export interface ContentGuard {
  checkText(text: string, who: { openid?: string; scene: TextScene }): Promise<TextVerdict>
  checkImage(file: { storageKey: string; url: string; openid?: string }): Promise<ImageVerdict>
}

/** The word-list guard. No image model runs locally, so photos pass (their readers are limited anyway). */
export function wordListGuard(list: readonly string[]): ContentGuard {
  return {
    checkText: async (text) => (findBlockedWord(text, list) ? 'risky' : 'pass'),
    checkImage: async () => ({ state: 'pass' })
  }
}

const guards = new Map<string, ContentGuard>()

/**
 * The guard hosts get when they wire none (the local host, self-hosting, tests): the list in
 * data/moderation/blocked-words.txt, or a district's own list named by LST_BLOCKED_WORDS_FILE (it
 * replaces ours). Read once per file, on first use: WeChat's entries wire their own guard, so a cloud
 * bundle, which ships no data directory, never comes here.
 */
function localGuard(): ContentGuard {
  const file = process.env.LST_BLOCKED_WORDS_FILE || path.resolve(__dirname, '../../data/moderation/blocked-words.txt')
  let guard = guards.get(file)
  if (!guard) {
    guard = wordListGuard(parseWordList(fs.readFileSync(file, 'utf8')))
    guards.set(file, guard)
  }
  return guard
}

export const guardOf = (deps: Deps): ContentGuard => deps.contentGuard ?? localGuard()

const UNSUITABLE = '内容含有不适宜公开的信息，请修改后再提交'
const UNSUITABLE_FIELD = '含有不适宜公开的信息，请修改'
export const IMAGE_REFUSED = '图片未通过内容安全检查，请更换'
const CHECK_UNAVAILABLE = '内容安全检查暂不可用，请稍后再试'

/** WeChat's text check (version 2) needs the writer's OPENID; the HTTP host's callers have none. */
const openidOf = (ctx: Ctx): string | undefined => (ctx.identity.kind === 'openid' ? ctx.identity.openid : undefined)

/**
 * Fails closed: when the check cannot answer (WeChat unreachable, quota spent, the list unreadable),
 * the user is asked to try again rather than the text going out unchecked. Letting it through would
 * open the door exactly when abuse is least watched, and what is kept waits safely on the user's screen.
 */
async function orUnavailable<T>(ctx: Ctx, check: () => Promise<T>): Promise<T> {
  try {
    return await check()
  } catch (e) {
    if (e instanceof AppError) throw e
    ctx.deps.log('content check unavailable', e)
    throw new AppError('UNAVAILABLE', CHECK_UNAVAILABLE)
  }
}

/**
 * Checks the texts a step will show to others, before anything is stored; refuses naming the first
 * field found unsuitable. Empty fields are skipped. 'review' passes: WeChat means that a person should
 * take a look, not that the text is bad, and refusing it would turn away ordinary complaints that merely
 * mention a sensitive subject; the departments and the dispatcher reading it are that person.
 */
export async function screenTexts(ctx: Ctx, fields: Record<string, string | undefined>, scene: TextScene = 'forum'): Promise<void> {
  const guard = guardOf(ctx.deps)
  const who = { openid: openidOf(ctx), scene }
  const texts = Object.entries(fields).filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].trim() !== '')
  const verdicts = await orUnavailable(ctx, () => Promise.all(texts.map(([, text]) => guard.checkText(text, who))))
  const risky = verdicts.findIndex((v) => v === 'risky')
  if (risky >= 0) throw new AppError('VALIDATION', UNSUITABLE, { [texts[risky][0]]: UNSUITABLE_FIELD })
}

/** Checks an uploaded photo before it is recorded; a refused one is never stored. */
export async function screenImage(ctx: Ctx, file: { storageKey: string; url: string }, field: string): Promise<{ state: 'pass' | 'pending'; traceId?: string }> {
  const verdict = await orUnavailable(ctx, () => guardOf(ctx.deps).checkImage({ ...file, openid: openidOf(ctx) }))
  if (verdict.state === 'risky') throw new AppError('VALIDATION', IMAGE_REFUSED, { [field]: IMAGE_REFUSED })
  return { state: verdict.state, traceId: verdict.traceId }
}
