import { sql as init } from './0001_init'
import { sql as inboxPageAndMonth } from './0002_inbox_page_and_month'

/** Versioned migrations, applied in order; never edit one that has shipped, add the next. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'inbox_page_and_month', sql: inboxPageAndMonth }
]
