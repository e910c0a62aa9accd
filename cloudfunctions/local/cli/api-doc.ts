import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { API } from '@contract'

const ACCESS = { public: '无需登录', user: '需登录' } as const

/** docs/api.md, rendered from the contract so the two cannot drift (a test compares them). */
export function renderApiDoc(): string {
  const lines = [
    '# API',
    '',
    '由 `types/api.ts` 生成（`npm run docs:api`），请勿手改；`tests/app/api-doc.test.ts` 保证两者一致。',
    '',
    '每个云函数对应一个 `POST /api/<函数>`，请求体 `{ "action": string, "input": object, "requestId"?: string }`，',
    '应答 `{ "ok": true, "data": … }` 或 `{ "ok": false, "error": { "code", "message", "fields"? } }`。',
    '登录身份：本地与自建部署用 `Authorization: Bearer <token>`；微信云开发取云函数上下文中的 OPENID。',
    '错误码与 HTTP 状态：VALIDATION 400 · UNAUTHENTICATED 401 · FORBIDDEN 403 · NOT_FOUND 404 · CONFLICT 409 · RATE_LIMITED 429 · INTERNAL 500 · UNAVAILABLE 503。',
    '标注“可重试”的操作应携带 `requestId`：同一请求编号重复提交只生效一次，并返回第一次的结果。',
    'DTO 类型见 `types/` 下的同名定义。',
    ''
  ]
  for (const [fn, actions] of Object.entries(API)) {
    lines.push(`## ${fn}`, '')
    for (const [name, spec] of Object.entries(actions) as [string, { input: z.ZodType; access: keyof typeof ACCESS; idempotent?: boolean; summary: string; output: string }][]) {
      const flags = [ACCESS[spec.access], spec.idempotent ? '可重试（requestId）' : null].filter(Boolean).join('，')
      lines.push(`### ${fn}.${name}`, '', `${spec.summary}（${flags}）`, '', `输出：\`${spec.output}\``, '', '输入：', '', '```json')
      const { $schema: _drop, ...schema } = z.toJSONSchema(spec.input, { io: 'input' })
      lines.push(JSON.stringify(schema, null, 2), '```', '')
    }
  }
  return lines.join('\n')
}

if (process.argv.includes('--write')) {
  const file = path.resolve('docs/api.md')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, renderApiDoc())
  console.log(`已写入 ${file}`)
}
