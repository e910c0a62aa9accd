import fs from 'node:fs/promises'
import path from 'node:path'
import type { PhotoStore } from '../app/storage'
import { photoLinks } from '../app/photo-links'

/** Photos as files under the data directory, served by the host through signed, expiring links. */
export interface LocalPhotoStore extends PhotoStore {
  read(key: string): Promise<Buffer | null>
  verify(photoId: string, exp: string | null, sig: string | null, now: Date): boolean
}

export function localPhotoStore(dir: string, secret: string): LocalPhotoStore {
  const links = photoLinks(secret)
  const file = (key: string) => path.join(dir, key.replace(/[^\w.-]/g, '_'))
  return {
    kind: 'local',
    async save(key, bytes) {
      await fs.mkdir(dir, { recursive: true })
      await fs.writeFile(file(key), bytes, { mode: 0o600 })
    },
    url: async (_key, photoId, now) => links.url(photoId, now),
    verify: links.verify,
    async read(key) {
      try {
        return await fs.readFile(file(key))
      } catch {
        return null
      }
    }
  }
}
