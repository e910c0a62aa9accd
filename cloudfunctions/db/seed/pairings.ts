import type { ActivityType } from '../../../types/pairings'

export interface SeedPairing {
  id: string
  kind: 'branch' | 'mentoring'
  phase: number
  agencyBranch: string
  /** Set only where the agency branch belongs to a department that problems are routed to. */
  agencyDepartmentId: string | null
  enterpriseBranch: string
  enterpriseId: string
  startedOn: string
  goals: string
}

export interface SeedPairingActivity {
  id: string
  pairingId: string
  type: ActivityType
  title: string
  heldOn: string
  place: string
  summary: string
  createdBy: string | null
}

// Phase 2 of 政企共建促发展 was signed on 15 July 2020; the branch names are those of the signing list.
const PHASE_TWO_START = '2020-07-15'

const pair = (
  key: string,
  agencyBranch: string,
  agencyDepartmentId: string | null,
  enterpriseBranch: string,
  enterpriseId: string,
  goals: string
): SeedPairing => ({ id: `pair-2-${key}`, kind: 'branch', phase: 2, agencyBranch, agencyDepartmentId, enterpriseBranch, enterpriseId, startedOn: PHASE_TWO_START, goals })

export const PAIRINGS: readonly SeedPairing[] = [
  pair('renxin', '区国资局顺融投资公司党支部', null, '人信工程咨询公司党支部', 'e-renxin', '国企与咨询企业互通项目信息，共同培养青年党员骨干。'),
  pair('murata', '顺德图书馆党支部', null, '村田智能公司党支部', 'e-murata', '把阅读空间和学习资源送进厂区，共建学习型党组织。'),
  pair('huimeizhuang', '区经促局机关第一党支部', 'economy', '惠美庄材料实业公司党支部', 'e-huimeizhuang', '帮助企业对接技改资金和上下游供应链。'),
  pair('gaobao', '区市监局机关第一党支部', 'market', '高宝实业发展公司党支部', 'e-gaobao', '围绕质量提升和商标保护开展共学共建。'),
  pair('shenling', '区发改局机关第二党支部', 'dev_reform', '申菱环境公司党委', 'e-shenling', '协调项目备案与用能保障，服务企业扩产。'),
  pair('yongtong', '顺德高新区管委会高新区机关党支部', null, '永通起重机械公司党支部', 'e-yongtong', '依托园区平台解决用工和配套问题。'),
  pair('hongjinyuan', '市自然资源局顺德分局城市更新发展中心党支部', 'natural_resources', '鸿金源精密制造公司党支部', 'e-hongjinyuan', '结合村级工业园改造，理顺厂房用地与报建手续。'),
  pair('telijie', '区城管执法局机关第一支部', 'urban_mgmt', '特丽洁环境工程公司党支部', 'e-telijie', '在市容保洁和垃圾清运中联动服务，共育党员先锋岗。')
]

// 红色顺企青蓝工程: a Party-member entrepreneur mentors young entrepreneurs (18 mentors, 36 mentees in all;
// the demo has a few, with made-up people at real demo enterprises).
const mentoring = (key: string, mentor: string, mentee: string, enterpriseId: string, goals: string): SeedPairing => ({
  id: `mentor-${key}`,
  kind: 'mentoring',
  phase: 1,
  agencyBranch: mentor,
  agencyDepartmentId: null,
  enterpriseBranch: mentee,
  enterpriseId,
  startedOn: '2025-03-01',
  goals
})

export const MENTORING_PAIRS: readonly SeedPairing[] = [
  mentoring('1', '党员企业家 梁振邦', '青年企业家 陈嘉怡', 'e-gaobao', '从家族企业接班到现代企业管理，每季度至少面谈一次。'),
  mentoring('2', '党员企业家 梁振邦', '青年企业家 何俊熙', 'e-yongtong', '围绕出海订单与质量体系建设交流，每季度至少面谈一次。'),
  mentoring('3', '党员企业家 区惠芳', '青年企业家 罗子健', 'e-telijie', '把党建融入企业文化，带动青年员工向党组织靠拢。')
]

/** Who runs each pair: the demo enterprise liaison for 村田's pair, the first secretary for the pairs of her firms. */
export const PAIRING_CONTACTS: readonly { pairingId: string; personId: string; side: 'agency' | 'enterprise' }[] = [
  { pairingId: 'pair-2-murata', personId: 'p-demo-enterprise', side: 'enterprise' }
]

/** The district's default plan for the year: each required kind at least this often. */
export const DEFAULT_PLAN: readonly { type: ActivityType; count: number }[] = [
  { type: 'lecture', count: 2 },
  { type: 'theme_day', count: 2 },
  { type: 'development', count: 2 },
  { type: 'position', count: 1 },
  { type: 'life_meeting', count: 1 },
  { type: 'evaluation', count: 1 }
]

const SECRETARY = 'p-demo-secretary'

export const PAIRING_ACTIVITIES: readonly SeedPairingActivity[] = [
  {
    id: 'act-murata-2026-03',
    pairingId: 'pair-2-murata',
    type: 'lecture',
    title: '"小个专"党建经验交流党课',
    heldOn: '2026-03-18',
    place: '广东村田智能科技有限公司党员活动室',
    summary: '企业支部介绍把党建与经营、学习、服务结合的做法，图书馆支部讲解新修订的党员学习书目。',
    createdBy: null
  },
  {
    id: 'act-murata-2026-04',
    pairingId: 'pair-2-murata',
    type: 'theme_day',
    title: '世界读书日共读主题党日',
    heldOn: '2026-04-23',
    place: '顺德图书馆',
    summary: '两支部党员与一线员工共读一本书，并在车间设立流动书架。',
    createdBy: null
  },
  {
    id: 'act-huimeizhuang-2026-05',
    pairingId: 'pair-2-huimeizhuang',
    type: 'development',
    title: '技改扶持资金申报对接会',
    heldOn: '2026-05-12',
    place: '区经济促进局三楼会议室',
    summary: '逐项核对企业新生产线的技改申报条件，明确材料清单和截止时间。',
    createdBy: null
  },
  {
    id: 'act-huimeizhuang-2026-06',
    pairingId: 'pair-2-huimeizhuang',
    type: 'position',
    title: '厂区党员活动室共建',
    heldOn: '2026-06-20',
    place: '惠美庄材料实业厂区',
    summary: '双方共同布置党员活动室，增设政策资料角和意见箱。',
    createdBy: null
  },
  {
    id: 'act-gaobao-2026-06',
    pairingId: 'pair-2-gaobao',
    type: 'lecture',
    title: '质量强企专题党课',
    heldOn: '2026-06-05',
    place: '广东高宝实业发展有限公司会议室',
    summary: '结合计量器具检定和产品抽检中常见问题，讲解质量管理中的党员责任。',
    createdBy: SECRETARY
  },
  {
    id: 'act-shenling-2026-07',
    pairingId: 'pair-2-shenling',
    type: 'development',
    title: '扩产项目用能保障座谈',
    heldOn: '2026-07-09',
    place: '申菱环境陈村厂区',
    summary: '梳理新厂房的能耗指标和电力接入进度，约定两周内反馈协调结果。',
    createdBy: null
  },
  {
    id: 'act-shenling-2026-07b',
    pairingId: 'pair-2-shenling',
    type: 'evaluation',
    title: '上半年党员情况互评',
    heldOn: '2026-07-28',
    place: '区发展和改革局党员活动室',
    summary: '两支部交换党员承诺践诺情况，互相指出需要改进的地方。',
    createdBy: null
  },
  {
    id: 'act-hongjinyuan-2026-08',
    pairingId: 'pair-2-hongjinyuan',
    type: 'custom',
    title: '入党积极分子联合培训',
    heldOn: '2026-08-20',
    place: '鸿金源精密制造公司培训室',
    summary: '企业技术骨干与机关青年党员同堂学习，企业推荐三名骨干列为培养对象。',
    createdBy: SECRETARY
  },
  {
    id: 'act-hongjinyuan-2026-10',
    pairingId: 'pair-2-hongjinyuan',
    type: 'life_meeting',
    title: '联合组织生活会',
    heldOn: '2026-10-15',
    place: '城市更新发展中心会议室',
    summary: '围绕厂房改造期间的生产安排开展批评与自我批评，形成整改清单。',
    createdBy: SECRETARY
  },
  {
    id: 'act-telijie-2026-09',
    pairingId: 'pair-2-telijie',
    type: 'theme_day',
    title: '城市清洁志愿服务主题党日',
    heldOn: '2026-09-12',
    place: '大良街道清晖路沿线',
    summary: '机关和企业党员一起清理街巷卫生死角，并向沿街商户宣传垃圾分类。',
    createdBy: SECRETARY
  }
]
