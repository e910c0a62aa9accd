import { randomUUID } from 'node:crypto'

/** Row ids: a short type prefix keeps logs and URLs readable. */
export const newId = (prefix: string) => `${prefix}-${randomUUID()}`
