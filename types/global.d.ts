/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: which platform this bundle is for. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd' | 'harmony'
  }
}

/** Build-time constants from config/index.ts `defineConstants`. */
/** How the mini program reaches the backend: HTTP `/api/<fn>` or WeChat cloud functions. */
declare const LST_TRANSPORT: 'http' | 'wxcloud'
/** Origin of the HTTP backend ('' = the host the H5 build was served from). */
declare const LST_API_BASE: string
/** WeChat cloud environment id ('' = the default environment). */
declare const LST_CLOUD_ENV: string
/**
 * WeChat subscribe-message template ids the mini program asks the user to accept at natural taps
 * (after filing a problem, when a handler taps 答复), as a JSON array string, e.g. '["tmplA","tmplB"]'.
 * '[]' (or '') asks for nothing.
 */
declare const LST_SUBSCRIBE_TEMPLATES: string

/** Hand-written native components used from Taro pages on weapp (see each page's usingComponents). */
declare namespace JSX {
  interface IntrinsicElements {
    'status-tag': { status: string; large?: boolean }
  }
}
