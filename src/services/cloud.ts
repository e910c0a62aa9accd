import Taro from '@tarojs/taro'
import type { ActionName, FnName, Input, Output } from '@contract/api'
import type { ApiError, ErrorCode, Result } from '@contract/result'
import { clearSession, getSession } from './session'

/**
 * The one way the mini program talks to the backend: `call(fn, action, input)`.
 * The transport is fixed at build time (LST_TRANSPORT): HTTP `POST <LST_API_BASE>/api/<fn>`, or a WeChat
 * cloud function of the same name. Both answer with the contract's Result shape; failures become CloudError.
 */

const CODES: readonly ErrorCode[] = [
  'VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'
]

export const NETWORK_MESSAGE = '网络不给力，请稍后重试'
const BAD_ANSWER_MESSAGE = '服务暂时无法处理请求，请稍后重试'

export class CloudError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'CloudError'
    this.code = code
    if (fields) this.fields = fields
    // keep instanceof working when compiled to ES5
    Object.setPrototypeOf(this, CloudError.prototype)
  }
}

/** Turns anything thrown into a CloudError with a Chinese message (for pages that show errors). */
export function toCloudError(e: unknown): CloudError {
  if (e instanceof CloudError) return e
  return new CloudError('INTERNAL', BAD_ANSWER_MESSAGE)
}

/** Failures after which the request may have been stored: a retry keeps its request id, so it is not done twice. */
export const MAYBE_STORED: ReadonlySet<string> = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED'])

/** A random id for one user intent (a form submission), reused when the same intent is retried. */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  const rand2 = Math.random().toString(36).slice(2, 6).padEnd(4, '0')
  return `${Date.now().toString(36)}-${rand}${rand2}`
}

type Transport = 'http' | 'wxcloud'

// The constants are replaced by webpack's DefinePlugin; under jest they may be set on globalThis.
function transport(): Transport {
  return typeof LST_TRANSPORT !== 'undefined' && LST_TRANSPORT === 'wxcloud' ? 'wxcloud' : 'http'
}
function apiBase(): string {
  return typeof LST_API_BASE !== 'undefined' && LST_API_BASE ? LST_API_BASE.replace(/\/+$/, '') : ''
}
function cloudEnv(): string {
  return typeof LST_CLOUD_ENV !== 'undefined' ? LST_CLOUD_ENV : ''
}

function isApiError(value: unknown): value is ApiError {
  if (!value || typeof value !== 'object') return false
  const e = value as Partial<ApiError>
  return typeof e.code === 'string' && typeof e.message === 'string'
}

function isResult(value: unknown): value is Result<unknown> {
  if (!value || typeof value !== 'object') return false
  const r = value as { ok?: unknown; error?: unknown }
  return r.ok === true ? 'data' in r : r.ok === false && isApiError(r.error)
}

/** Maps one Result body (or something that is not one) to the data or a thrown CloudError. */
function unwrap<T>(body: unknown, status?: number): T {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      // not JSON: handled below
    }
  }
  if (isResult(body)) {
    if (body.ok) return body.data as T
    const { code, message, fields } = body.error
    const known = CODES.includes(code) ? code : 'INTERNAL'
    if (known === 'UNAUTHENTICATED' && getSession()) clearSession()
    throw new CloudError(known, message || BAD_ANSWER_MESSAGE, fields)
  }
  if (status === undefined || status === 0 || status >= 500 || status === 404) {
    throw new CloudError('UNAVAILABLE', status ? '服务暂不可用，请稍后重试' : NETWORK_MESSAGE)
  }
  throw new CloudError('INTERNAL', BAD_ANSWER_MESSAGE)
}

let cloudReady = false
function ensureCloud() {
  if (cloudReady) return
  const env = cloudEnv()
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

/** True when this build talks to WeChat cloud functions (photos then go to WeChat cloud storage). */
export function usesWxCloud(): boolean {
  return transport() === 'wxcloud'
}

/**
 * An address the page can load: the HTTP host answers with paths like `/api/files/…`, which a weapp
 * build talking to a self-hosted server must prefix with its origin (H5 is served from that host).
 */
export function assetUrl(url: string): string {
  const base = apiBase()
  return base && url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url
}

/** Uploads a local file to WeChat cloud storage; resolves with its `cloud://` file id. */
export async function uploadToCloudStorage(cloudPath: string, filePath: string): Promise<string> {
  let fileID: string | undefined
  try {
    ensureCloud()
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
    fileID = res?.fileID
  } catch {
    throw new CloudError('UNAVAILABLE', NETWORK_MESSAGE)
  }
  if (!fileID) throw new CloudError('UNAVAILABLE', '照片上传失败，请重试')
  return fileID
}

export async function call<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: Input<F, A>,
  opts?: { requestId?: string }
): Promise<Output<F, A>> {
  const requestId = opts?.requestId
  const payload: { action: string; input: unknown; requestId?: string } = { action, input }
  if (requestId) payload.requestId = requestId

  if (transport() === 'wxcloud') {
    let res: { result?: unknown }
    try {
      ensureCloud()
      // WeChat identifies the caller itself (openid from getWXContext() in the function)
      res = await Taro.cloud.callFunction({ name: fn, data: payload })
    } catch {
      throw new CloudError('UNAVAILABLE', NETWORK_MESSAGE)
    }
    return unwrap<Output<F, A>>(res?.result)
  }

  const session = getSession()
  const header: Record<string, string> = { 'Content-Type': 'application/json' }
  if (session) header.Authorization = `Bearer ${session.token}`
  let res: { statusCode?: number; data?: unknown }
  try {
    res = await Taro.request({
      url: `${apiBase()}/api/${fn}`,
      method: 'POST',
      data: payload,
      header,
      dataType: 'json',
      timeout: 15000
    })
  } catch {
    throw new CloudError('UNAVAILABLE', NETWORK_MESSAGE)
  }
  return unwrap<Output<F, A>>(res?.data, res?.statusCode ?? undefined)
}
