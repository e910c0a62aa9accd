import { sql as init } from './0001_init'

/** Versioned migrations, applied in order; never edit one that has shipped, add the next. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [{ version: 1, name: 'init', sql: init }]
