// The hand-written native status tag, run in miniprogram-simulate (WeChat's component runtime in jsdom).
const fs = require('fs')
const path = require('path')
const simulate = require('miniprogram-simulate')

const COMPONENT = path.resolve(__dirname, '../../src/components/native/status-tag/index')

// The labels the app shows everywhere else come from types/problems.ts; the native copy must match.
function contractLabels() {
  const src = fs.readFileSync(path.resolve(__dirname, '../../types/problems.ts'), 'utf8')
  const block = /PROBLEM_STATUS_LABELS[^{]*\{([^}]*)\}/.exec(src)[1]
  const out = {}
  for (const m of block.matchAll(/(\w+):\s*'([^']*)'/g)) out[m[1]] = m[2]
  return out
}

const LABELS = contractLabels()

describe('native status-tag', () => {
  let tagId
  let hostId
  beforeAll(() => {
    tagId = simulate.load(COMPONENT)
    // a parent that passes the status down, as a Taro page does through usingComponents
    hostId = simulate.load({
      template: '<status-tag class="tag" status="{{status}}" large="{{large}}"></status-tag>',
      usingComponents: { 'status-tag': tagId },
      data: { status: 'routed', large: false }
    })
  })

  test('the contract was read: the seven statuses of the flow, 退单 and 重办 included', () => {
    expect(Object.keys(LABELS).sort()).toEqual(['accepted', 'closed', 'reopened', 'replied', 'returned', 'routed', 'triage'])
    expect(LABELS.returned).toBe('退单待调度')
    expect(LABELS.reopened).toBe('重办中')
  })

  test.each(Object.entries(LABELS))('%s shows %s with its colour class', (status, label) => {
    const comp = simulate.render(tagId, { status })
    comp.attach(document.createElement('parent-wrapper'))
    const text = comp.querySelector('.status-tag')
    expect(text.dom.textContent).toBe(label)
    expect(text.dom.className).toContain(`status-tag--${status}`)
    for (const other of Object.keys(LABELS)) {
      if (other !== status) expect(text.dom.className).not.toContain(`status-tag--${other}`)
    }
  })

  test('a changed status property re-renders label and colour', async () => {
    const host = simulate.render(hostId)
    host.attach(document.createElement('parent-wrapper'))
    const tag = () => host.querySelector('.tag').querySelector('.status-tag')
    expect(tag().dom.textContent).toBe(LABELS.routed)
    expect(tag().dom.className).toContain('status-tag--routed')

    host.setData({ status: 'closed', large: true })
    await simulate.sleep(0)
    expect(tag().dom.textContent).toBe(LABELS.closed)
    expect(tag().dom.className).toContain('status-tag--closed')
    expect(tag().dom.className).not.toContain('status-tag--routed')
    expect(tag().dom.className).toContain('status-tag--large')
  })

  test('an unknown status is shown as such, not as a wrong label', () => {
    const comp = simulate.render(tagId, { status: 'lost' })
    comp.attach(document.createElement('parent-wrapper'))
    expect(comp.querySelector('.status-tag').dom.textContent).toBe('未知状态')
    expect(comp.querySelector('.status-tag').dom.className).toContain('status-tag--unknown')
  })

  test('the native colours are the React twin’s colours, and each status has its own', () => {
    const colours = (css) => {
      const out = {}
      for (const status of Object.keys(LABELS)) {
        const block = new RegExp(`\\.status-tag--${status}\\s*\\{([^}]*)\\}`).exec(css)
        expect(block).not.toBeNull()
        const bg = /background:\s*([^;]+);/.exec(block[1])[1].trim().toLowerCase()
        const fg = /(?:^|[^-])color:\s*([^;]+);/.exec(block[1])[1].trim().toLowerCase()
        out[status] = `${bg} ${fg}`
      }
      return out
    }
    const native = colours(fs.readFileSync(`${COMPONENT}.wxss`, 'utf8'))
    const twin = colours(fs.readFileSync(path.resolve(__dirname, '../../src/components/StatusTag/index.css'), 'utf8'))
    expect(native).toEqual(twin)
    expect(new Set(Object.values(native)).size).toBe(Object.keys(LABELS).length)
  })

  test('the stylesheet has a colour for every status', () => {
    const wxss = fs.readFileSync(`${COMPONENT}.wxss`, 'utf8')
    for (const status of Object.keys(LABELS)) {
      expect(wxss).toMatch(new RegExp(`\\.status-tag--${status}\\s*\\{[^}]*color:`))
    }
  })
})
