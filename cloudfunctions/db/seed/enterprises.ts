import type { ChainId } from './chains'
import type { TownId } from './towns'

export interface SeedEnterprise {
  id: string
  name: string
  /** Left empty: a made-up 统一社会信用代码 could collide with a real firm's. */
  creditCode: null
  chainId: ChainId | null
  townId: TownId
  isChainLeader: boolean
}

const firm = (id: string, name: string, townId: TownId, chainId: ChainId | null, isChainLeader = false): SeedEnterprise => ({
  id,
  name,
  creditCode: null,
  chainId,
  townId,
  isChainLeader
})

export const ENTERPRISES: readonly SeedEnterprise[] = [
  // 智能家电
  firm('e-midea', '美的集团股份有限公司', 'beijiao', 'smart_appliance', true),
  firm('e-galanz', '广东格兰仕集团有限公司', 'ronggui', 'smart_appliance', true),
  firm('e-vanward', '广东万和新电气股份有限公司', 'ronggui', 'smart_appliance'),
  firm('e-hisense-hvac', '海信家电集团股份有限公司', 'ronggui', 'smart_appliance'),
  firm('e-donlim', '广东新宝电器股份有限公司', 'leliu', 'smart_appliance'),
  firm('e-bear', '小熊电器股份有限公司', 'leliu', 'smart_appliance'),
  firm('e-deerma', '广东德尔玛科技股份有限公司', 'beijiao', 'smart_appliance'),
  firm('e-murata', '广东村田智能科技有限公司', 'leliu', 'smart_appliance'),
  firm('e-shenling', '广东申菱环境系统股份有限公司', 'chencun', 'smart_appliance'),
  // 机器人
  firm('e-kuka', '库卡机器人（广东）有限公司', 'beijiao', 'robotics', true),
  firm('e-jaten', '广东嘉腾机器人自动化有限公司', 'daliang', 'robotics'),
  firm('e-longshen', '广东隆深机器人有限公司', 'beijiao', 'robotics'),
  firm('e-lxd', '佛山市利迅达机器人系统有限公司', 'daliang', 'robotics'),
  firm('e-hongjinyuan', '佛山市顺德区鸿金源精密制造有限公司', 'beijiao', 'robotics'),
  // 高端装备
  firm('e-yizumi', '广东伊之密精密机械股份有限公司', 'daliang', 'high_end_equipment', true),
  firm('e-yongtong', '广东永通起重机械股份有限公司', 'ronggui', 'high_end_equipment'),
  firm('e-gaobao', '广东高宝实业发展有限公司', 'daliang', 'high_end_equipment'),
  // 泛家居
  firm('e-lesso', '广东联塑科技实业有限公司', 'longjiang', 'home_furnishing', true),
  firm('e-huimeizhuang', '佛山市顺德区惠美庄材料实业有限公司', 'longjiang', 'home_furnishing'),
  firm('e-longjiang-design', '佛山市顺德区龙江家居设计研发有限公司', 'longjiang', 'home_furnishing'),
  firm('e-lecong-furniture', '佛山市顺德区乐从家具供应链管理有限公司', 'lecong', 'home_furnishing'),
  // 预制菜
  firm('e-heshi', '佛山市顺德区何氏水产有限公司', 'lecong', 'prepared_food', true),
  firm('e-xingtan-fish', '佛山市顺德区杏坛鱼鲜预制食品有限公司', 'xingtan', 'prepared_food'),
  firm('e-junan-food', '佛山市顺德区均安风味食品有限公司', 'junan', 'prepared_food'),
  firm('e-lunjiao-cake', '佛山市顺德区伦教糕点食品有限公司', 'lunjiao', 'prepared_food'),
  firm('e-daliang-kitchen', '广东顺德中央厨房食品有限公司', 'daliang', 'prepared_food'),
  // 珠宝时尚
  firm('e-ctf-shunde', '周大福珠宝首饰（顺德）有限公司', 'lunjiao', 'jewelry_fashion', true),
  firm('e-lunjiao-gem', '佛山市顺德区伦教宝石设计有限公司', 'lunjiao', 'jewelry_fashion'),
  firm('e-junan-denim', '佛山市顺德区均安牛仔服饰有限公司', 'junan', 'jewelry_fashion'),
  // not on a key chain yet, but pair firms in 政企共建
  firm('e-renxin', '广东人信工程咨询有限公司', 'daliang', null),
  firm('e-telijie', '广东特丽洁环境工程有限公司', 'daliang', null)
]

export function enterpriseName(id: string): string {
  const found = ENTERPRISES.find((e) => e.id === id)
  if (!found) throw new Error(`seed: unknown enterprise ${id}`)
  return found.name
}
