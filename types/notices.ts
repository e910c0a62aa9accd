/** An in-app message: the source of truth for notices (WeChat subscribe messages only echo it). */
export interface Notice {
  id: string
  title: string
  body: string
  /** The problem it is about, to open from the list. */
  problemId: string | null
  createdAt: string
  readAt: string | null
}
