import Taro from '@tarojs/taro'

/**
 * WeChat subscribe messages (订阅消息). The server sends a problem's progress as subscribe messages
 * only to people who accepted the template, and WeChat lets the mini program ask only inside a tap.
 * So the app asks at the natural taps — right after filing (through a modal whose button is the tap)
 * and when a handler taps 答复 — on weapp only, when the build names templates. Declining, an old
 * client or any failure never stops what the person was doing.
 */

/** WeChat accepts at most three templates in one request. */
const MAX_TEMPLATES = 3

/** The template ids of this build (LST_SUBSCRIBE_TEMPLATES, a JSON array string). */
export function subscribeTemplates(): string[] {
  // replaced by webpack's DefinePlugin; under jest it may be set on globalThis
  const raw = typeof LST_SUBSCRIBE_TEMPLATES !== 'undefined' ? LST_SUBSCRIBE_TEMPLATES : ''
  if (!raw) return []
  try {
    const list: unknown = JSON.parse(raw)
    if (!Array.isArray(list)) return []
    const ids = list.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim())
    return [...new Set(ids)].slice(0, MAX_TEMPLATES)
  } catch {
    return []
  }
}

/** Asking makes sense here: the WeChat mini program with templates configured. */
export function canAskToSubscribe(): boolean {
  return process.env.TARO_ENV === 'weapp' && subscribeTemplates().length > 0
}

/**
 * Asks now. Call it synchronously inside a tap handler (WeChat refuses otherwise); it never throws and
 * never rejects, and nothing waits for its answer.
 */
export function requestSubscribe(): void {
  if (!canAskToSubscribe()) return
  try {
    const pending = Taro.requestSubscribeMessage({ tmplIds: subscribeTemplates() } as Taro.requestSubscribeMessage.Option)
    if (pending && typeof pending.catch === 'function') pending.catch(() => undefined)
  } catch {
    // an old client without the API, or a refusal: the in-app notice stays the record
  }
}

/**
 * After an action that finished asynchronously (the tap that started it is gone): offers the
 * subscription in a modal, and asks from inside the modal's button tap. Resolves once the modal is
 * closed; never rejects. Resolves at once where there is nothing to ask.
 */
export function offerSubscribe(title: string, content: string): Promise<void> {
  if (!canAskToSubscribe()) return Promise.resolve()
  return new Promise<void>((resolve) => {
    try {
      const shown = Taro.showModal({
        title,
        content,
        confirmText: '接收通知',
        cancelText: '暂不',
        // the success callback runs inside WeChat's handling of the button tap: asking here is allowed
        success: (res) => {
          if (res.confirm) requestSubscribe()
          resolve()
        },
        fail: () => resolve()
      })
      if (shown && typeof shown.then === 'function') shown.then(() => resolve(), () => resolve())
    } catch {
      resolve()
    }
  })
}
