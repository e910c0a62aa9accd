import fs from 'node:fs'
import path from 'node:path'
import { findBlockedWord, normaliseForMatch, parseWordList } from '../../cloudfunctions/core/moderation'

const shipped = parseWordList(fs.readFileSync(path.resolve(__dirname, '../../data/moderation/blocked-words.txt'), 'utf8'))

describe('normaliseForMatch', () => {
  test.each([
    ['赌 博', '赌博'],
    ['赌　博', '赌博'], // ideographic space
    ['赌*博!', '赌博'],
    ['Ｋ粉', 'k粉'], // full-width letter
    ['ＡＢＣ１２３', 'abc123'],
    ['  Hello, World  ', 'helloworld'],
    ['①号', '1号']
  ])('%s → %s', (text, want) => expect(normaliseForMatch(text)).toBe(want))
})

describe('parseWordList', () => {
  test('one entry a line; comments, blanks and repeats dropped', () => {
    expect(parseWordList('# 注释\n\n赌博\r\n  冰毒  \n赌博\n#不是词\n')).toEqual(['赌博', '冰毒'])
  })

  test('the shipped list has about forty entries, none of them empty once normalised', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(35)
    for (const w of shipped) expect(normaliseForMatch(w)).not.toBe('')
  })
})

describe('findBlockedWord', () => {
  test.each([
    ['本店提供网络赌博服务', '赌博'],
    ['来玩 赌 博，日赚千元', '赌博'],
    ['赌.博.网站', '赌博'],
    ['出售冰-毒', '冰毒'],
    ['需要ｋ粉的私聊', 'K粉'],
    ['代 开 发 票，税点低', '代开发票']
  ])('%s is caught', (text, word) => {
    expect(findBlockedWord(text, shipped)).toBe(word)
  })

  test.each([
    '企业用工缺口大，招工难，希望人社局组织专场招聘会',
    '融资难、融资贵，希望协调银行提供贷款贴息',
    '厂区门口路面塌陷，货车进出困难',
    '申请工伤认定流程太长，材料反复退回',
    '园区停车位不足，员工通勤不便',
    '希望开展安全生产培训，防范火灾和爆炸事故',
    ''
  ])('ordinary text is not caught: %s', (text) => {
    expect(findBlockedWord(text, shipped)).toBeNull()
  })

  test('an entry of punctuation only never matches everything', () => {
    expect(findBlockedWord('任何文字', ['***', '——'])).toBeNull()
  })
})
