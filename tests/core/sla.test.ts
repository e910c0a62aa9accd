import { addWorkdays, endOfDay, makeCalendar } from '../../cloudfunctions/core/calendar'
import {
  DEFAULT_SLA,
  effectiveDeadline,
  extendDeadline,
  isPastDue,
  remainingExtensionDays,
  routingDeadlines,
  slaFor,
  validateSlaConfig,
  type SlaConfig
} from '../../cloudfunctions/core/problems/sla'

const NONE = makeCalendar([])

describe('SLA limits per category', () => {
  test('defaults: accept within 1 working day, reply within 5, extension up to 10', () => {
    expect(DEFAULT_SLA).toEqual({ acceptDays: 1, replyDays: 5, extensionMaxDays: 10 })
    expect(slaFor('recruitment')).toEqual(DEFAULT_SLA)
  })

  test('a category and the default can be configured', () => {
    const config: SlaConfig = { default: { replyDays: 7 }, land: { replyDays: 15, extensionMaxDays: 20 }, tax: { acceptDays: 2 } }
    expect(slaFor('land', config)).toEqual({ acceptDays: 1, replyDays: 15, extensionMaxDays: 20 })
    expect(slaFor('tax', config)).toEqual({ acceptDays: 2, replyDays: 7, extensionMaxDays: 10 })
    expect(slaFor('schooling', config)).toEqual({ acceptDays: 1, replyDays: 7, extensionMaxDays: 10 })
  })

  test.each<[string, SlaConfig, RegExp]>([
    ['zero days to accept', { tax: { acceptDays: 0 } }, /签收时限/],
    ['half a day', { tax: { replyDays: 2.5 } }, /答复时限/],
    ['negative extension', { default: { extensionMaxDays: -1 } }, /延期上限/],
    ['unknown category', { nonsense: { acceptDays: 1 } } as unknown as SlaConfig, /未知的诉求类别/],
    ['reply before accept', { land: { acceptDays: 3, replyDays: 2 } }, /答复时限不能短于签收时限/]
  ])('refuses %s', (_name, config, message) => {
    expect(validateSlaConfig(config).join('；')).toMatch(message)
    expect(() => slaFor('land', config)).toThrow(RangeError)
  })
})

describe('due dates count from 派单, in working days', () => {
  test.each<[string, string, string, string]>([
    ['Friday evening', '2026-03-06T20:00:00+08:00', '2026-03-09', '2026-03-13'],
    ['Saturday', '2026-03-07T11:00:00+08:00', '2026-03-09', '2026-03-13'],
    ['Monday morning', '2026-03-09T09:00:00+08:00', '2026-03-10', '2026-03-16'],
    ['Thursday before Spring Festival (the 调休 Saturday counts)', '2026-02-12T10:00:00+08:00', '2026-02-13', '2026-02-26'],
    ['Monday before 清明', '2026-03-30T10:00:00+08:00', '2026-03-31', '2026-04-07'],
    ['the day before 劳动节', '2026-04-30T10:00:00+08:00', '2026-05-06', '2026-05-11'],
    ['Christmas 2026, into the unknown 2027 (floor only)', '2026-12-25T10:00:00+08:00', '2026-12-28', '2027-01-04']
  ])('%s', (_name, routed, accept, reply) => {
    const { acceptDue, replyDue } = routingDeadlines(new Date(routed), DEFAULT_SLA, NONE)
    expect([acceptDue.date, replyDue.date]).toEqual([accept, reply])
    expect(replyDue.at).toBe(endOfDay(reply))
  })

  test('an extension adds working days to the reply deadline, across holidays', () => {
    const { replyDue } = routingDeadlines(new Date('2026-03-30T10:00:00+08:00'), DEFAULT_SLA, NONE)
    expect(replyDue.date).toBe('2026-04-07')
    const extended = extendDeadline(replyDue, 2, 0, DEFAULT_SLA, NONE)
    expect(extended.date).toBe('2026-04-09')
    expect(extended.basis).toEqual({ start: '2026-03-30', workdays: 7 })
  })

  test('extensions are capped', () => {
    const { replyDue } = routingDeadlines(new Date('2026-03-09T09:00:00+08:00'), DEFAULT_SLA, NONE)
    expect(remainingExtensionDays(0, DEFAULT_SLA)).toBe(10)
    expect(remainingExtensionDays(7, DEFAULT_SLA)).toBe(3)
    expect(remainingExtensionDays(12, DEFAULT_SLA)).toBe(0)
    expect(extendDeadline(replyDue, 3, 7, DEFAULT_SLA, NONE).date).toBe('2026-03-19')
    expect(() => extendDeadline(replyDue, 4, 7, DEFAULT_SLA, NONE)).toThrow(RangeError)
    expect(() => extendDeadline(replyDue, 0, 0, DEFAULT_SLA, NONE)).toThrow(RangeError)
  })

  test('a deadline in a year entered later moves when the administrator enters it', () => {
    const due = addWorkdays(new Date('2026-12-31T10:00:00+08:00'), 5, NONE)
    expect(due).toMatchObject({ date: '2027-01-08', uncertain: true })
    const entered = makeCalendar([
      { date: '2027-01-04', kind: 'holiday', note: '示例' },
      { date: '2027-01-05', kind: 'holiday', note: '示例' }
    ])
    expect(effectiveDeadline(due, entered)).toMatchObject({ date: '2027-01-12', uncertain: false })
    expect(isPastDue(due, new Date('2027-01-09T00:00:00+08:00'), NONE)).toBe(true)
    expect(isPastDue(due, new Date('2027-01-09T00:00:00+08:00'), entered)).toBe(false)
  })

  test('past due is strictly after the last instant of the due day', () => {
    const due = addWorkdays(new Date('2026-03-09T09:00:00+08:00'), 1, NONE)
    expect(isPastDue(due, new Date('2026-03-10T23:59:59.999+08:00'), NONE)).toBe(false)
    expect(isPastDue(due, new Date('2026-03-11T00:00:00+08:00'), NONE)).toBe(true)
  })
})
