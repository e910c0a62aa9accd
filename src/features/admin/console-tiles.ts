import type { Overview } from '@contract/catalog'
import { PAGE, adminListUrl } from '@/utils/routes'

export interface Tile {
  key: string
  title: string
  description: string
  url: string
  /** One character in the tile's badge. */
  glyph: string
  tone: 'red' | 'blue' | 'green' | 'amber' | 'grey'
  /** The count from the home page's overview, when it has one. */
  count?: (o: Overview) => string
}

export interface TileGroup {
  title: string
  tiles: Tile[]
}

/** The home page of the console: the lists first, then the flow settings and accounts, then the tools. */
export const TILE_GROUPS: TileGroup[] = [
  {
    title: '基础数据',
    tiles: [
      { key: 'departments', title: '部门', description: '承办诉求的区直部门与镇街办事机构', url: adminListUrl('departments'), glyph: '部', tone: 'red' },
      { key: 'towns', title: '镇街', description: '企业与站点所在镇街及其办事机构', url: adminListUrl('towns'), glyph: '镇', tone: 'red' },
      { key: 'chains', title: '产业链', description: '链长、牵头部门与协同部门', url: adminListUrl('chains'), glyph: '链', tone: 'red', count: (o) => `${o.chains} 条` },
      { key: 'enterprises', title: '企业', description: '信用代码、所属产业链与镇街、链主', url: adminListUrl('enterprises'), glyph: '企', tone: 'blue', count: (o) => `${o.enterprises} 家` },
      { key: 'people', title: '人员与角色', description: '授予、收回角色；电话打码显示', url: adminListUrl('people'), glyph: '人', tone: 'blue' },
      { key: 'stations', title: '站点', description: '位置、开放时间、设施与站长', url: adminListUrl('stations'), glyph: '站', tone: 'green', count: (o) => `${o.stations} 个` },
      { key: 'services', title: '服务项目', description: '各站点可预约的服务与名额', url: adminListUrl('services'), glyph: '服', tone: 'green' },
      { key: 'pairings', title: '结对', description: '政企结对与青蓝结对', url: adminListUrl('pairings'), glyph: '结', tone: 'amber', count: (o) => `${o.pairings} 对` }
    ]
  },
  {
    title: '流程与账号',
    tiles: [
      { key: 'dispatch', title: '派单规则与时限', description: '关键词派单、各类诉求的签收与答复时限、节假日调整', url: PAGE.dispatchSettings, glyph: '派', tone: 'grey' },
      { key: 'invites', title: '邀请码', description: '签发一次性邀请码，为同事开通角色', url: PAGE.adminInvites, glyph: '邀', tone: 'grey' }
    ]
  },
  {
    title: '数据工具',
    tiles: [
      { key: 'import', title: '批量导入', description: '从 Excel 导入企业、结对、站点或人员，先试导入', url: PAGE.adminImport, glyph: '导', tone: 'grey' },
      { key: 'audit', title: '操作日志', description: '谁在何时改了什么，改前与改后', url: PAGE.adminAudit, glyph: '志', tone: 'grey' }
    ]
  }
]
