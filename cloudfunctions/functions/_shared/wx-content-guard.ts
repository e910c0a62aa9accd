import cloud from 'wx-server-sdk'
import type { ContentGuard, TextScene, TextVerdict } from '../../app/content-guard'

/** WeChat's scene numbers for its version-2 checks. */
const SCENE: Record<TextScene, 1 | 2 | 3 | 4> = { profile: 1, comment: 2, forum: 3, social: 4 }

const VERDICTS: readonly string[] = ['pass', 'risky', 'review']

// WeChat downloads the image some time after we ask (its verdict comes within 30 minutes): the address
// it is given must outlive that, unlike the few minutes a reader's address lasts
const MEDIA_URL_SECONDS = 2 * 3600

/**
 * Content security on WeChat: msgSecCheck for text, mediaCheckAsync for photos (its verdict arrives as
 * a message push to functions/contentcheck). Both are version 2, which judges text against the writer's
 * OPENID; every signed-in caller on WeChat has one. Anything but a clear answer throws: the app's
 * helpers then refuse with UNAVAILABLE (fail closed, see app/content-guard.ts).
 */
export const wxContentGuard: ContentGuard = {
  async checkText(text, who): Promise<TextVerdict> {
    if (!who.openid) throw new Error('msgSecCheck (version 2) needs the OPENID of the writer')
    const res = await cloud.openapi.security.msgSecCheck({ openid: who.openid, scene: SCENE[who.scene], version: 2, content: text })
    if (res.errCode !== undefined && res.errCode !== 0) throw new Error(`msgSecCheck: ${res.errCode} ${res.errMsg ?? ''}`)
    const suggest = res.result?.suggest
    if (typeof suggest !== 'string' || !VERDICTS.includes(suggest)) throw new Error(`msgSecCheck: unexpected answer ${JSON.stringify(res)}`)
    return suggest as TextVerdict
  },

  async checkImage(file) {
    if (!file.openid) throw new Error('mediaCheckAsync (version 2) needs the OPENID of the uploader')
    const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID: file.storageKey, maxAge: MEDIA_URL_SECONDS }] })
    const mediaUrl = fileList[0]?.tempFileURL
    if (!mediaUrl) throw new Error(`getTempFileURL: no address for ${file.storageKey}`)
    // photos belong to problems, stations, activities and visits: posts others read, WeChat's 论坛 scene
    const res = await cloud.openapi.security.mediaCheckAsync({ media_url: mediaUrl, media_type: 2, version: 2, openid: file.openid, scene: SCENE.forum })
    if (res.errCode !== undefined && res.errCode !== 0) throw new Error(`mediaCheckAsync: ${res.errCode} ${res.errMsg ?? ''}`)
    const traceId = res.traceId ?? res.trace_id
    if (!traceId) throw new Error('mediaCheckAsync: no trace id')
    return { state: 'pending', traceId }
  }
}
