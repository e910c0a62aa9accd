import type { ErrorCode } from '@contract'

/** Thrown by handlers and repositories for an expected refusal; the dispatcher turns it into a Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`)
export const forbidden = (why: string) => new AppError('FORBIDDEN', why)
