import Taro from '@tarojs/taro'
import { call, CloudError, newRequestId } from '@/services/cloud'
import { getSession } from '@/services/session'
import { cloud, request } from '../stubs/taro'
import { enterpriseSession, errorBody, okBody, postedBody, resetAll, setBuildConstants, signIn } from './helpers'

beforeEach(resetAll)

async function caught(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(CloudError)
    return e as CloudError
  }
  throw new Error('expected the call to fail')
}

describe('call() over HTTP', () => {
  test('posts { action, input, requestId } to /api/<fn> and returns data', async () => {
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: 'https://lst.example.cn/' })
    request.mockResolvedValueOnce(okBody([{ id: 's1' }]))
    const out = await call('stations', 'list', { type: 'warm' }, { requestId: 'r-1' })
    expect(out).toEqual([{ id: 's1' }])
    expect(request).toHaveBeenCalledTimes(1)
    const opts = request.mock.calls[0][0]
    expect(opts.url).toBe('https://lst.example.cn/api/stations')
    expect(opts.method).toBe('POST')
    expect(opts.data).toEqual({ action: 'list', input: { type: 'warm' }, requestId: 'r-1' })
    expect(opts.header?.Authorization).toBeUndefined()
  })

  test('sends the bearer token when signed in', async () => {
    signIn()
    request.mockResolvedValueOnce(okBody(enterpriseSession.user))
    await call('accounts', 'me', {})
    expect(request.mock.calls[0][0].url).toBe('/api/accounts')
    expect(request.mock.calls[0][0].header?.Authorization).toBe('Bearer tok-enterprise')
    expect(postedBody().requestId).toBeUndefined()
  })

  test('a non-ok body becomes a CloudError with code, Chinese message and fields', async () => {
    request.mockResolvedValueOnce(errorBody(400, 'VALIDATION', '提交的内容有误', { title: '标题至少 4 个字' }))
    const err = await caught(call('problems', 'file', { title: 'x', content: 'y', category: 'tax', enterpriseId: 'e' }))
    expect(err.code).toBe('VALIDATION')
    expect(err.message).toBe('提交的内容有误')
    expect(err.fields).toEqual({ title: '标题至少 4 个字' })
  })

  test('FORBIDDEN keeps the server message; unknown codes become INTERNAL', async () => {
    request.mockResolvedValueOnce(errorBody(403, 'FORBIDDEN', '演示登录未开启'))
    const forbidden = await caught(call('accounts', 'demoSignIn', { role: 'handler' }))
    expect([forbidden.code, forbidden.message, forbidden.fields]).toEqual(['FORBIDDEN', '演示登录未开启', undefined])

    request.mockResolvedValueOnce(errorBody(418, 'TEAPOT', '奇怪的错误'))
    const odd = await caught(call('pairings', 'list', {}))
    expect(odd.code).toBe('INTERNAL')
  })

  test('network failure → UNAVAILABLE with 网络不给力', async () => {
    request.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const err = await caught(call('catalog', 'overview', {}))
    expect(err.code).toBe('UNAVAILABLE')
    expect(err.message).toBe('网络不给力，请稍后重试')
  })

  test('a gateway error without a Result body → UNAVAILABLE; a 200 without one → INTERNAL', async () => {
    request.mockResolvedValueOnce({ statusCode: 502, data: '<html>Bad Gateway</html>' })
    expect((await caught(call('catalog', 'overview', {}))).code).toBe('UNAVAILABLE')
    request.mockResolvedValueOnce({ statusCode: 200, data: { hello: 'world' } })
    expect((await caught(call('catalog', 'overview', {}))).code).toBe('INTERNAL')
  })

  test('UNAUTHENTICATED signs the stale session out', async () => {
    signIn()
    request.mockResolvedValueOnce(errorBody(401, 'UNAUTHENTICATED', '登录已过期，请重新登录'))
    const err = await caught(call('problems', 'mine', {}))
    expect(err.code).toBe('UNAUTHENTICATED')
    expect(getSession()).toBeNull()
    expect(Taro.getStorageSync('lst.session')).toBe('')
  })
})

describe('call() over WeChat cloud', () => {
  beforeEach(() => setBuildConstants({ LST_TRANSPORT: 'wxcloud', LST_API_BASE: '', LST_CLOUD_ENV: 'lst-prod-1' }))

  test('calls the function of the same name with { action, input, requestId }, init once', async () => {
    cloud.callFunction.mockResolvedValue({ result: { ok: true, data: { enterprises: 3 } } })
    await call('catalog', 'overview', {}, { requestId: 'r-9' })
    await call('catalog', 'overview', {})
    expect(request).not.toHaveBeenCalled()
    expect(cloud.callFunction.mock.calls[0][0]).toEqual({ name: 'catalog', data: { action: 'overview', input: {}, requestId: 'r-9' } })
    expect(cloud.callFunction.mock.calls[1][0]).toEqual({ name: 'catalog', data: { action: 'overview', input: {} } })
    // the first cloud call of this file: init once, with the configured env
    expect(cloud.init).toHaveBeenCalledTimes(1)
    expect(cloud.init.mock.calls[0][0]).toMatchObject({ env: 'lst-prod-1' })
  })

  test('an error result maps like HTTP; a failed call is UNAVAILABLE', async () => {
    cloud.callFunction.mockResolvedValueOnce({ result: { ok: false, error: { code: 'NOT_FOUND', message: '诉求不存在' } } })
    const nf = await caught(call('problems', 'get', { id: 'nope' }))
    expect([nf.code, nf.message]).toEqual(['NOT_FOUND', '诉求不存在'])
    cloud.callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail' })
    const down = await caught(call('problems', 'get', { id: 'p' }))
    expect([down.code, down.message]).toEqual(['UNAVAILABLE', '网络不给力，请稍后重试'])
  })
})

test('newRequestId gives a different id each time', () => {
  const ids = new Set(Array.from({ length: 200 }, () => newRequestId()))
  expect(ids.size).toBe(200)
  for (const id of ids) expect(id).toMatch(/^[0-9a-z]+-[0-9a-z]{12}$/)
})
