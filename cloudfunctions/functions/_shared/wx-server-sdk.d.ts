// The slice of wx-server-sdk the entries use; the SDK itself is installed by WeChat per function.
declare module 'wx-server-sdk' {
  const cloud: {
    DYNAMIC_CURRENT_ENV: unknown
    init(options?: { env?: unknown }): void
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string }
    openapi: {
      subscribeMessage: {
        send(message: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown>
      }
      // content security, version 2; scene 1 资料, 2 评论, 3 论坛, 4 社交日志
      security: {
        msgSecCheck(request: { openid: string; scene: 1 | 2 | 3 | 4; version: 2; content: string; title?: string; nickname?: string }): Promise<{
          errCode?: number
          errMsg?: string
          traceId?: string
          result?: { suggest: string; label: number }
          detail?: { strategy: string; errcode: number; suggest?: string; label?: number; keyword?: string; prob?: number }[]
        }>
        // the verdict comes later as a message push (Event wxa_media_check) quoting the trace id
        mediaCheckAsync(request: { media_url: string; media_type: 1 | 2; version: 2; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{
          errCode?: number
          errMsg?: string
          traceId?: string
          trace_id?: string
        }>
      }
    }
    // an entry may ask for a longer-lived address (maxAge, seconds) than the default
    getTempFileURL(options: { fileList: (string | { fileID: string; maxAge: number })[] }): Promise<{
      fileList: { fileID: string; tempFileURL: string; status: number }[]
    }>
  }
  export default cloud
}
