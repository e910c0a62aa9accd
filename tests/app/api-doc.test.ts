import fs from 'node:fs'
import path from 'node:path'
import { API } from '@contract'
import { renderApiDoc } from '../../cloudfunctions/local/cli/api-doc'
import { HANDLERS } from '../../cloudfunctions/app/handlers'

describe('docs/api.md', () => {
  test('is what the contract renders today (run `npm run docs:api` after changing types/api.ts)', () => {
    const onDisk = fs.readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8')
    expect(onDisk).toBe(renderApiDoc())
  })

  test('names every function and action that has a handler', () => {
    const doc = renderApiDoc()
    for (const [fn, actions] of Object.entries(HANDLERS)) {
      for (const action of Object.keys(actions)) expect(doc).toContain(`### ${fn}.${action}`)
    }
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(API).sort())
  })
})
