import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>链上通</title>
<p style="font:16px sans-serif;padding:24px">H5 页面尚未构建。请运行 <code>npm run build:h5</code> 后刷新，或直接使用 <code>npm start</code>。接口已可用：<code>/api/health</code>。</p>`

/** Serves the H5 build. Hashed assets are cached for a year; index.html never, so a deploy shows at once. */
export function serveStatic(root: string | undefined, urlPath: string, res: ServerResponse): void {
  const index = root ? path.join(root, 'index.html') : ''
  if (!root || !fs.existsSync(index)) {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' })
    res.end(MISSING_BUILD)
    return
  }
  let rel: string
  try {
    rel = decodeURIComponent(urlPath)
  } catch {
    rel = '/'
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel))
  const inside = file.startsWith(path.resolve(root) + path.sep)
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : index
  const ext = path.extname(target)
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': target === index ? 'no-store' : 'public, max-age=31536000, immutable'
  })
  fs.createReadStream(target).pipe(res)
}
