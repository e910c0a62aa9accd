import { summaryText, tradeName, weekLabel, weeklySummary, type WeekFigures } from '../../cloudfunctions/core'

const figures = (over: Partial<WeekFigures> = {}): WeekFigures => ({
  visits: 4,
  enterprisesVisited: 3,
  enterprisesNotVisited: ['广东永通起重机械股份有限公司', '广东特丽洁环境工程有限公司'],
  problemsFiled: 2,
  problemsClosed: 1,
  problemsOverdue: 1,
  ...over
})

describe('the week in one sentence', () => {
  test('visits, problems filed on behalf and their fate, and who is still to visit', () => {
    expect(summaryText(figures(), '本周')).toBe('本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；尚未走访：永通、特丽洁')
  })

  test('a week gone by says 未走访, not 尚未', () => {
    expect(summaryText(figures(), '上周')).toBe('上周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；未走访：永通、特丽洁')
  })

  test('no visit at all', () => {
    const text = summaryText(figures({ visits: 0, enterprisesVisited: 0, problemsFiled: 0, problemsClosed: 0, problemsOverdue: 0 }), '本周')
    expect(text).toBe('本周没有走访企业，代企业提交诉求 0 件，办结 0 件，超期 0 件；尚未走访：永通、特丽洁')
  })

  test('every enterprise visited', () => {
    expect(summaryText(figures({ enterprisesNotVisited: [] }), '本周')).toBe('本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；联系的企业均已走访')
  })
})

describe('weekLabel', () => {
  test('本周, 上周, else the dates', () => {
    expect(weekLabel('2026-11-23', '2026-11-26')).toBe('本周')
    expect(weekLabel('2026-11-16', '2026-11-26')).toBe('上周')
    expect(weekLabel('2026-11-02', '2026-11-26')).toBe('11月2日—11月8日')
    expect(weekLabel('2026-12-28', '2027-02-01')).toBe('12月28日—1月3日')
  })
})

describe('weeklySummary', () => {
  test('carries the figures, the Monday and the sentence', () => {
    const s = weeklySummary('2026-11-23', figures(), '2026-11-23')
    expect(s).toEqual({
      weekOf: '2026-11-23',
      visits: 4,
      enterprisesVisited: 3,
      enterprisesNotVisited: ['广东永通起重机械股份有限公司', '广东特丽洁环境工程有限公司'],
      problemsFiled: 2,
      problemsClosed: 1,
      problemsOverdue: 1,
      text: '本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；尚未走访：永通、特丽洁'
    })
  })
})

describe('tradeName: the short name used in sentences', () => {
  test.each([
    ['佛山市顺德区鸿金源精密制造有限公司', '鸿金源'],
    ['广东永通起重机械股份有限公司', '永通'],
    ['广东高宝实业发展有限公司', '高宝'],
    ['广东特丽洁环境工程有限公司', '特丽洁'],
    ['广东村田智能科技有限公司', '村田'],
    ['美的集团股份有限公司', '美的'],
    ['库卡机器人（广东）有限公司', '库卡'],
    ['周大福珠宝首饰（顺德）有限公司', '周大福'],
    ['广东申菱环境系统股份有限公司', '申菱'],
    ['小熊电器股份有限公司', '小熊']
  ])('%s → %s', (name, short) => {
    expect(tradeName(name)).toBe(short)
  })

  test('never shorter than two characters, never empty', () => {
    expect(tradeName('新宝电器')).toBe('新宝')
    expect(tradeName('科技有限公司')).toBe('科技')
    expect(tradeName('顺德')).toBe('顺德')
    expect(tradeName('某')).toBe('某')
  })
})
