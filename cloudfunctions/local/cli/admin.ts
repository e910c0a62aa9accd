import { parseArgs } from 'node:util'
import { openDatabase } from '../../db/open'
import type { Queryable } from '../../db/client'
import { createPerson, grantRole, loginTaken, setPassword } from '../../db/repos/people'
import { hashPassword, newSecret } from '../../app/auth/passwords'
import { newId } from '../../app/ids'
import { readConfig } from '../config'

const USAGE = `用法：
  npm run admin -- create --name 姓名 --login 账号     创建一位系统管理员，打印一次性登录密码
  npm run admin -- reset --login 账号                  为已有账号重设一次性登录密码（忘记密码时）
其余人员一律由管理员在“邀请码”中签发邀请码加入。`

const LOGIN = /^[a-z0-9._-]{3,32}$/

/** Creates an administrator with a fresh secret; the secret is printed once and only its hash is kept. */
export async function createAdmin(q: Queryable, name: string, login: string, now: Date): Promise<{ personId: string; secret: string }> {
  if (!LOGIN.test(login)) throw new Error('账号只能用 3–32 位小写字母、数字和 . _ -')
  if (name.trim().length < 2) throw new Error('姓名至少 2 个字')
  if (await loginTaken(q, login)) throw new Error(`账号 ${login} 已存在`)
  const secret = newSecret()
  const personId = newId('p')
  await createPerson(q, { id: personId, name: name.trim(), login, passwordHash: await hashPassword(secret), at: now })
  await grantRole(q, personId, 'admin', '')
  return { personId, secret }
}

async function resetSecret(q: Queryable, login: string): Promise<string> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM people WHERE login = $1', [login])
  if (!row) throw new Error(`没有账号 ${login}`)
  const secret = newSecret()
  await setPassword(q, row.id, await hashPassword(secret))
  return secret
}

/** `npm run admin -- create …`: the only way to the first administrator — on the server, not over the network. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, login: { type: 'string' } } })
  const [command] = positionals
  const login = values.login?.trim().toLowerCase()
  if ((command !== 'create' && command !== 'reset') || !login || (command === 'create' && !values.name)) {
    console.error(USAGE)
    process.exit(2)
  }
  const config = readConfig()
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const secret =
      command === 'create'
        ? (await db.tx((q) => createAdmin(q, values.name as string, login, new Date()))).secret
        : await db.tx((q) => resetSecret(q, login))
    console.log(`账号：${login}\n一次性登录密码：${secret}\n请尽快登录并在“我的”中修改密码；此密码不会再次显示。`)
  } finally {
    await db.close()
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error('失败：', e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
