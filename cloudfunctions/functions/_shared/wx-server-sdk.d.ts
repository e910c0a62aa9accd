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
    }
    getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>
  }
  export default cloud
}
