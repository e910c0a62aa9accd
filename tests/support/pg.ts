import pg from 'pg'
import { randomBytes } from 'node:crypto'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL

/** Jest's describe, or describe.skip with the reason printed once, when no PostgreSQL server is given. */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (TEST_DATABASE_URL) return describe(name, fn)
  console.log(`跳过「${name}」：未设置 TEST_DATABASE_URL（.ci/run 会启动临时 PostgreSQL 并设置它）`)
  describe.skip(name, fn)
}

/** A brand-new database on the test server, dropped by the returned cleanup. */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  const name = `lst_test_${randomBytes(6).toString('hex')}`
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(TEST_DATABASE_URL as string)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}
