import Taro from '@tarojs/taro'

/**
 * WeChat's privacy check (app.config `__usePrivacyCheck__`): the first time a page asks for the position,
 * a photo or the clipboard, WeChat holds the call and asks us to show our privacy popup
 * (components/PrivacyConsent); the call goes on or fails with the person's answer. This module keeps the
 * waiting requests and the popups that can answer them; it does nothing outside the mini program.
 */

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

/** The id of the 同意 button: WeChat lets 'agree' through only after that very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

const isWeapp = () => process.env.TARO_ENV === 'weapp'

const waiting = new Set<Resolve>()
const exposed = new WeakSet<Resolve>()
const listeners = new Set<() => void>()
/** Mounted popups, oldest first: the last one is on the page in front, and only it shows. */
const hosts: number[] = []
let nextHost = 1
let listening = false

function emit() {
  listeners.forEach((fn) => fn())
}

/**
 * Starts listening for WeChat's privacy requests; once for the app's life (later calls do nothing).
 * A base library too old to have the check (before 2.32.3) has nothing to listen to.
 */
export function listenForPrivacyRequests(): void {
  if (!isWeapp() || listening || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    if (!hosts.length) {
      // no popup on this page to ask with: fail the call now (the page says how to allow it) rather than
      // leave it hanging until some other page happens to show a popup
      resolve({ event: 'disagree' })
      return
    }
    waiting.add(resolve)
    emit()
  })
}

/** True while a privacy API waits for the person to agree or refuse (a timeout should not run meanwhile). */
export function privacyRequestWaiting(): boolean {
  return waiting.size > 0
}

/** Calls `fn` whenever a request arrives or is answered, or the front popup changes; returns the unsubscribe. */
export function subscribePrivacy(fn: () => void): () => void {
  listeners.add(fn)
  return () => {
    listeners.delete(fn)
  }
}

/** Tells WeChat the popup is on screen (it counts exposures), once per request. */
export function markPrivacyPromptShown(): void {
  waiting.forEach((resolve) => {
    if (exposed.has(resolve)) return
    exposed.add(resolve)
    resolve({ event: 'exposureAuthorization' })
  })
}

/** The person's answer, for every waiting request (several calls may wait on one popup). */
export function answerPrivacy(agreed: boolean): void {
  const all = [...waiting]
  waiting.clear()
  all.forEach((resolve) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }))
  emit()
}

/** A popup mounted on a page; it is in front until another one mounts or shows again. */
export function addPrivacyHost(): number {
  const id = nextHost++
  hosts.push(id)
  emit()
  return id
}

export function removePrivacyHost(id: number): void {
  const at = hosts.indexOf(id)
  if (at >= 0) hosts.splice(at, 1)
  emit()
}

/** Its page is shown again (back from another page, another tab): its popup is the front one again. */
export function raisePrivacyHost(id: number): void {
  const at = hosts.indexOf(id)
  if (at < 0 || at === hosts.length - 1) return
  hosts.splice(at, 1)
  hosts.push(id)
  emit()
}

export function isFrontPrivacyHost(id: number): boolean {
  return hosts.length > 0 && hosts[hosts.length - 1] === id
}

/** Why a privacy API failed: the privacy popup was refused, the permission was refused, or the phone's own setting. */
export type Refusal = 'privacy' | 'denied' | 'system'

/**
 * Reads a WeChat errMsg ("getLocation:fail privacy permission is not authorized", "chooseMedia:fail auth
 * deny", "getLocation:fail system permission denied") or a browser GeolocationPositionError (code 1).
 * Null for anything else: cancelled, timed out, or a privacy type the mini program never declared.
 */
export function refusalOf(e: unknown): Refusal | null {
  const err = (e ?? {}) as { errMsg?: unknown; message?: unknown; code?: unknown }
  const msg = String(err.errMsg ?? err.message ?? e ?? '')
  if (/not declared/i.test(msg)) return null
  if (/privacy/i.test(msg)) return 'privacy'
  if (/system permission/i.test(msg)) return 'system'
  if (/auth den|permission denied|authorize/i.test(msg)) return 'denied'
  // the browser's PERMISSION_DENIED
  if (err.code === 1 && typeof err.errMsg !== 'string') return 'denied'
  return null
}
