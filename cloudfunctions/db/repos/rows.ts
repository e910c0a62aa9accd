/** Timestamps leave the database as Date (pg and PGlite alike) and the contract speaks ISO strings. */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString())

