import { contentCheckEntry } from '../_shared/cloud-entry'

// Triggered by WeChat's message push (云开发控制台 → 设置 → 消息推送: event wxa_media_check → this
// function), not by the mini program: deny client calls in the environment's function security rules,
// {"contentcheck": {"invoke": false}}. Even a client that reached it could only settle a photo whose
// trace id it knows, and trace ids never leave the backend.
export const main = contentCheckEntry()
