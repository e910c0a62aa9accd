/** A department as seeded; the id is the routing contract of DOMAIN.md and must not change. */
export interface SeedDepartment {
  id: string
  name: string
  matters: string
  kind: 'district' | 'town'
}

const district = (id: string, name: string, matters: string[]): SeedDepartment => ({
  id,
  name,
  matters: matters.join('、'),
  kind: 'district'
})

/** The district's 区直 units, in the order of DOMAIN.md. */
export const DISTRICT_DEPARTMENTS: readonly SeedDepartment[] = [
  district('dispatch', '区委社会工作部（两新工委）调度中心', ['无法归口的事项', '跨部门综合事项', '党组织建设事项']),
  district('hr', '区民政和人力资源社会保障局', ['招聘与用工缺口', '社保', '劳动关系', '职称', '人才认定与补贴', '技能培训']),
  district('economy', '区经济促进局', ['技改与产业扶持资金', '专精特新', '链主培育', '供应链对接', '企业上市与融资对接']),
  district('finance', '区金融工作部门', ['贷款授信', '融资担保', '上市辅导']),
  district('dev_reform', '区发展和改革局', ['项目立项备案', '能耗指标', '电力与能源保障', '价格']),
  district('science', '区科技局', ['高企认定', '研发补贴', '科技项目', '专利']),
  district('market', '区市场监督管理局', ['营业执照与登记', '商标', '质量计量', '特种设备', '食品生产许可']),
  district('natural_resources', '市自然资源局顺德分局', ['用地', '规划', '不动产登记', '工业项目报建']),
  district('housing', '区住房城乡建设和水利局', ['施工许可', '工程验收', '人才住房', '供排水']),
  district('ecology', '市生态环境局顺德分局', ['环评', '排污许可', '环保执法与整改']),
  district('urban_mgmt', '区城市管理和综合执法局', ['市容', '占道', '违建', '垃圾清运', '路灯']),
  district('transport', '区交通运输局', ['道路与交通组织', '货车通行', '公交班线', '物流']),
  district('education', '区教育局', ['员工子女入学', '学位']),
  district('health', '区卫生健康局', ['医疗服务', '职业健康', '员工体检']),
  district('tax', '区税务局', ['纳税申报', '退税', '发票', '税收优惠']),
  district('commerce', '区商务局', ['外贸出口', '展会', '跨境电商']),
  district('emergency', '区应急管理局', ['安全生产', '危化品', '应急预案']),
  district('gov_services', '区政务服务数据管理局', ['审批流程与"一件事"', '一网通办与指尖办账号及材料']),
  district('trade_union', '区总工会', ['职工权益', '暖"新"驿站', '新就业群体服务'])
]

/** Town departments take their town's id so routing can go from an enterprise's town to its unit. */
export const townDepartmentId = (townId: string): string => `town_${townId}`

export const TOWN_MATTERS = ['属地环境', '治安', '邻里与社区事务', '园区配套'].join('、')
