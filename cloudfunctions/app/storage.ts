/**
 * Where photo bytes live. The handlers keep the rows (who owns a photo, which problem it belongs to);
 * a store only keeps bytes and hands out addresses for readers the handlers already checked.
 */
export interface PhotoStore {
  readonly kind: 'local' | 'wxcloud'
  /** Keeps the bytes under a new key (local); WeChat's store receives them from the client instead. */
  save?(key: string, bytes: Buffer): Promise<void>
  /** An address the reader can load for a few minutes. */
  url(key: string, photoId: string, now: Date): Promise<string>
}
