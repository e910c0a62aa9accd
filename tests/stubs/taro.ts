// A jest test double of the @tarojs/taro APIs the mini program and NutUI use. Named + default exports
// (NutUI reads Taro.getEnv() at import time). Tests drive it through the jest.fn()s and the helpers
// at the bottom (resetTaroStub, storage); everything is in memory.

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD' }
export const getEnv = jest.fn(() => ENV_TYPE.WEB)

// --- network
export interface StubRequestOptions {
  url: string
  method?: string
  data?: any
  header?: Record<string, string>
  [key: string]: unknown
}
export const request = jest.fn((_opts: StubRequestOptions): Promise<{ statusCode: number; data: unknown; header?: Record<string, string> }> =>
  Promise.reject(new Error('Taro.request is not mocked in this test'))
)
export const cloud = {
  init: jest.fn((_opts?: unknown) => undefined),
  callFunction: jest.fn((_opts: { name: string; data: any }): Promise<{ result: unknown }> =>
    Promise.reject(new Error('Taro.cloud.callFunction is not mocked in this test'))
  ),
  uploadFile: jest.fn((_opts: { cloudPath: string; filePath: string }): Promise<{ fileID: string }> =>
    Promise.reject(new Error('Taro.cloud.uploadFile is not mocked in this test'))
  )
}

// --- storage (synchronous, like weapp: a missing key reads as '')
export const storage = new Map<string, unknown>()
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? clone(storage.get(key)) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => {
  storage.set(key, clone(value))
})
export const removeStorageSync = jest.fn((key: string) => {
  storage.delete(key)
})
export const clearStorageSync = jest.fn(() => storage.clear())

// --- navigation and feedback
const ok = (name: string) => () => Promise.resolve({ errMsg: `${name}:ok` })
export const navigateTo = jest.fn((_opts: { url: string }) => ok('navigateTo')())
export const redirectTo = jest.fn((_opts: { url: string }) => ok('redirectTo')())
export const switchTab = jest.fn((_opts: { url: string }) => ok('switchTab')())
export const reLaunch = jest.fn((_opts: { url: string }) => ok('reLaunch')())
export const navigateBack = jest.fn((_opts?: { delta?: number }) => ok('navigateBack')())
// the page stack: empty unless a test says which pages lie below the one it renders
export const getCurrentPages = jest.fn((): unknown[] => [])
export const showToast = jest.fn((_opts: { title: string; icon?: string }) => ok('showToast')())
export const hideToast = jest.fn(() => ok('hideToast')())
export const showLoading = jest.fn((_opts: { title: string }) => ok('showLoading')())
export const hideLoading = jest.fn(() => ok('hideLoading')())
// like the real one: the success callback runs (inside the button tap), then the promise resolves
export const showModal = jest.fn((opts?: { success?: (res: { confirm: boolean; cancel: boolean; errMsg: string }) => void }) => {
  const res = { confirm: true, cancel: false, errMsg: 'showModal:ok' }
  opts?.success?.(res)
  return Promise.resolve(res)
})
export const makePhoneCall = jest.fn((_opts: { phoneNumber: string }) => ok('makePhoneCall')())
export const stopPullDownRefresh = jest.fn(() => ok('stopPullDownRefresh')())
// cancelled unless a test says what the camera saw
export const scanCode = jest.fn((_opts: { onlyFromCamera?: boolean; scanType?: string[] }): Promise<{ result: string }> =>
  Promise.reject({ errMsg: 'scanCode:fail cancel' })
)

// --- media: tests decide what the person picks
export interface StubPicked {
  path: string
  size: number
  type?: string
}
export const chooseImage = jest.fn((_opts: { count?: number; sizeType?: string[]; sourceType?: string[] }): Promise<{ tempFilePaths: string[]; tempFiles: StubPicked[] }> =>
  Promise.reject({ errMsg: 'chooseImage:fail cancel' })
)
export const chooseMedia = jest.fn((_opts: { count?: number; mediaType?: string[]; sizeType?: string[] }): Promise<{ type: string; tempFiles: { tempFilePath: string; size: number; fileType: string }[] }> =>
  Promise.reject({ errMsg: 'chooseMedia:fail cancel' })
)
export const previewImage = jest.fn((_opts: { current?: string; urls: string[] }) => ok('previewImage')())
export const fileSystemManager = {
  readFile: jest.fn((opts: { filePath: string; encoding?: string; success?: (r: { data: string }) => void; fail?: (e: unknown) => void }) => {
    opts.fail?.({ errMsg: 'readFile:fail not mocked in this test' })
  })
}
export const getFileSystemManager = jest.fn(() => fileSystemManager)
export const requestSubscribeMessage = jest.fn((_opts: { tmplIds: string[] }) => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' }))

// --- privacy (weapp): the app registers one listener for its whole life (a reset keeps it, as WeChat does);
// tests play WeChat holding a privacy API with needPrivacyAuthorization()
export interface StubPrivacyAnswer {
  event: 'exposureAuthorization' | 'agree' | 'disagree'
  buttonId?: string
}
type StubPrivacyListener = (resolve: (answer: StubPrivacyAnswer) => void, info: { referrer: string }) => void
let privacyListener: StubPrivacyListener | null = null
export const onNeedPrivacyAuthorization = jest.fn((listener: StubPrivacyListener) => {
  privacyListener = listener
})
export const openPrivacyContract = jest.fn((_opts?: { success?: () => void; fail?: (e: unknown) => void }) => undefined)
/**
 * WeChat holding a privacy API (getLocation, chooseMedia…) until the person answers: calls the registered
 * listener. `answers` collects every resolve() call (exposure included); `settled` is the agree/disagree.
 */
export function needPrivacyAuthorization(referrer = 'getLocation'): { answers: StubPrivacyAnswer[]; settled: Promise<StubPrivacyAnswer> } {
  if (!privacyListener) throw new Error('no onNeedPrivacyAuthorization listener is registered')
  const answers: StubPrivacyAnswer[] = []
  let settle: (a: StubPrivacyAnswer) => void = () => undefined
  const settled = new Promise<StubPrivacyAnswer>((resolve) => {
    settle = resolve
  })
  privacyListener((answer) => {
    answers.push(answer)
    if (answer.event !== 'exposureAuthorization') settle(answer)
  }, { referrer })
  return { answers, settled }
}

// --- environment bits NutUI asks for
export const getSystemInfoSync = jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' }))
export const getWindowInfo = jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }))
const emptyQuery = () => ({ boundingClientRect: () => ({ exec: (cb?: (r: unknown[]) => void) => cb?.([]) }) })
export const createSelectorQuery = jest.fn(() => ({ select: emptyQuery, selectAll: emptyQuery, in: () => ({ select: emptyQuery, selectAll: emptyQuery }) }))
export const nextTick = (fn: () => void) => setTimeout(fn, 0)
export const pxTransform = (n: number) => `${n / 2}px`
export const getCurrentInstance = jest.fn(() => ({ router: { params: {} as Record<string, string>, path: '' }, page: null }))

// --- page hooks: no page lifecycle in jsdom; tests call the captured callbacks when they need to
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string>, path: '' }))
export const useLaunch = jest.fn()
export const useLoad = jest.fn()
export const useReady = jest.fn()
export const useDidShow = jest.fn()
export const useDidHide = jest.fn()
export const usePullDownRefresh = jest.fn()
export const useReachBottom = jest.fn()
export const usePageScroll = jest.fn()

const Taro = {
  ENV_TYPE, getEnv, request, cloud,
  getStorageSync, setStorageSync, removeStorageSync, clearStorageSync,
  navigateTo, redirectTo, switchTab, reLaunch, navigateBack, getCurrentPages,
  showToast, hideToast, showLoading, hideLoading, showModal, makePhoneCall, stopPullDownRefresh, scanCode,
  chooseImage, chooseMedia, previewImage, getFileSystemManager, requestSubscribeMessage,
  onNeedPrivacyAuthorization, openPrivacyContract,
  getSystemInfoSync, getWindowInfo, createSelectorQuery, nextTick, pxTransform, getCurrentInstance,
  useRouter, useLaunch, useLoad, useReady, useDidShow, useDidHide, usePullDownRefresh, useReachBottom, usePageScroll
}
export default Taro

/** Clears recorded calls and storage, and restores the default behaviours. */
export function resetTaroStub(): void {
  storage.clear()
  for (const fn of Object.values(Taro)) {
    if (typeof fn === 'function' && 'mockClear' in fn) (fn as jest.Mock).mockClear()
  }
  cloud.init.mockClear()
  cloud.callFunction.mockReset()
  cloud.callFunction.mockImplementation(() => Promise.reject(new Error('Taro.cloud.callFunction is not mocked in this test')))
  cloud.uploadFile.mockReset()
  cloud.uploadFile.mockImplementation(() => Promise.reject(new Error('Taro.cloud.uploadFile is not mocked in this test')))
  chooseImage.mockReset()
  chooseImage.mockImplementation(() => Promise.reject({ errMsg: 'chooseImage:fail cancel' }))
  chooseMedia.mockReset()
  chooseMedia.mockImplementation(() => Promise.reject({ errMsg: 'chooseMedia:fail cancel' }))
  fileSystemManager.readFile.mockClear()
  requestSubscribeMessage.mockClear()
  getEnv.mockImplementation(() => ENV_TYPE.WEB)
  request.mockReset()
  request.mockImplementation(() => Promise.reject(new Error('Taro.request is not mocked in this test')))
  scanCode.mockReset()
  scanCode.mockImplementation(() => Promise.reject({ errMsg: 'scanCode:fail cancel' }))
  // a page's params set by one test must not leak into the next
  useRouter.mockReset()
  useRouter.mockImplementation(() => ({ params: {}, path: '' }))
  getCurrentPages.mockReset()
  getCurrentPages.mockImplementation(() => [])
}
