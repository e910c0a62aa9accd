import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { AdminEnterprise, AdminPerson, AdminStation } from '@contract/admin'
import { AdminHome } from '@/features/admin/AdminHome'
import { AdminListView } from '@/features/admin/AdminListView'
import { navigateTo, redirectTo, request, showModal, showToast } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'
import { BAD_CODE, GOOD_CODE, admin, auditEntry, bootstrap, enterprises, handler, people, services, stations } from './admin-fixtures'

beforeEach(() => resetAll())

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const rowOf = (id: string) => screen.getAllByTestId('record-row').find((r) => r.getAttribute('data-id') === id) as HTMLElement
/** Opens a pick list and chooses one of its options. */
function choose(name: string, option: string) {
  fireEvent.click(screen.getByTestId(`select-${name}`))
  fireEvent.click(within(screen.getByTestId(`dropdown-${name}`)).getByRole('option', { name: new RegExp(option) }))
}

describe('who may use it', () => {
  test('not an administrator: the home page explains who may, and asks for nothing', () => {
    signIn(handler)
    render(<AdminHome />)
    expect(screen.getByText('仅系统管理员可以使用管理后台')).toBeInTheDocument()
    expect(screen.queryByTestId('tile-enterprises')).toBeNull()
    expect(request).not.toHaveBeenCalled()
  })

  test('signed out, on a list: asked to sign in', () => {
    render(<AdminListView entity='enterprises' />)
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })

  test('the server refusing (role taken back meanwhile) shows the same explanation', async () => {
    signIn(admin)
    answerBy({ 'admin.enterprises': errorBody(403, 'FORBIDDEN', '仅系统管理员可以操作'), 'catalog.bootstrap': okBody(bootstrap) })
    render(<AdminListView entity='enterprises' />)
    expect(await screen.findByText('仅系统管理员可以使用管理后台')).toBeInTheDocument()
  })

  test('an unknown list in the link says so, with the way back', () => {
    signIn(admin)
    render(<AdminListView entity='nonsense' />)
    expect(screen.getByText('没有这个列表')).toBeInTheDocument()
    fireEvent.click(screen.getByText('回到管理后台'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/admin/home/index' })
  })
})

describe('管理后台 home', () => {
  test('a tile for every list and tool, counts from the overview, the latest changes', async () => {
    signIn(admin)
    answerBy({
      'catalog.overview': okBody({ enterprises: 35, chains: 6, stations: 12, pairings: 11, problems: 40, problemsClosed: 20 }),
      'admin.audit': okBody([auditEntry({})])
    })
    render(<AdminHome />)
    for (const key of ['departments', 'towns', 'chains', 'enterprises', 'people', 'stations', 'services', 'pairings', 'dispatch', 'invites', 'import', 'audit']) {
      expect(screen.getByTestId(`tile-${key}`)).toBeInTheDocument()
    }
    expect(await screen.findByText('35 家')).toBeInTheDocument()
    expect(await screen.findByTestId('recent-entry')).toHaveTextContent('苏建明修改企业“高宝化工有限公司”')
    expect(screen.getByTestId('recent-entry')).toHaveTextContent('2026-11-25 10:05')
    expect(postedTo('admin.audit')[0].input).toEqual({ limit: 5 })

    fireEvent.click(screen.getByTestId('tile-dispatch'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dispatch-tools/settings/index' })
    fireEvent.click(screen.getByTestId('tile-people'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/list/index?entity=people' })
    fireEvent.click(screen.getByTestId('tile-invites'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/invites/index' })
  })
})

describe('a list: 企业', () => {
  test('rows with names for ids, the chain leader marked, an unknown code said so; search goes to the server', async () => {
    signIn(admin)
    answerBy({ 'admin.enterprises': (input) => okBody(input.q ? enterprises.slice(0, 1) : enterprises), 'catalog.bootstrap': okBody(bootstrap) })
    render(<AdminListView entity='enterprises' />)
    await screen.findAllByTestId('record-row')
    const murata = rowOf('e-murata')
    expect(within(murata).getByTestId('cell-name')).toHaveTextContent('广东村田智能科技有限公司链主')
    await waitFor(() => expect(within(murata).getByTestId('cell-chainId')).toHaveTextContent('智能家电'))
    expect(within(murata).getByTestId('cell-townId')).toHaveTextContent('北滘镇')
    expect(within(rowOf('e-gaobao')).getByTestId('cell-creditCode')).toHaveTextContent('未登记')
    expect(screen.getByTestId('list-count')).toHaveTextContent('共 2 家')

    type('搜索企业', '村田')
    await waitFor(() => expect(postedTo('admin.enterprises').map((p) => p.input)).toContainEqual({ q: '村田' }))
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(1))
    expect(screen.getByTestId('list-count')).toHaveTextContent('找到 1 家')
  })

  test('新增: a code of the wrong length is caught here; a wrong check digit comes back from the server under the field; fixed, it saves', async () => {
    signIn(admin)
    const created: AdminEnterprise = { id: 'e-new', name: '顺德新材料有限公司', creditCode: GOOD_CODE, chainId: 'appliance', townId: null, isChainLeader: true }
    let stored = enterprises
    answerBy({
      'admin.enterprises': () => okBody(stored),
      'catalog.bootstrap': okBody(bootstrap),
      'admin.saveEnterprise': (input) => {
        if (input.creditCode !== GOOD_CODE) return errorBody(400, 'VALIDATION', '输入有误', { creditCode: '统一社会信用代码校验位不正确，请核对是否抄错' })
        stored = [created, ...enterprises]
        return okBody(created)
      }
    })
    render(<AdminListView entity='enterprises' />)
    await screen.findAllByTestId('record-row')
    fireEvent.click(screen.getByTestId('add-record'))
    const form = screen.getByTestId('record-form')
    expect(within(form).getByText('新增企业')).toBeInTheDocument()
    expect(within(form).getByTestId('field-creditCode')).toHaveTextContent('最后一位是校验位')

    type('企业名称', '顺德新材料有限公司')
    type('统一社会信用代码', '91440606MA4UQ7')
    expect(within(form).getByTestId('field-creditCode')).toHaveTextContent('已输入 14 位，还差 4 位')
    fireEvent.click(screen.getByTestId('form-save'))
    expect(await screen.findByTestId('error-creditCode')).toHaveTextContent('统一社会信用代码应为 18 位')
    expect(postedTo('admin.saveEnterprise')).toHaveLength(0)

    type('统一社会信用代码', BAD_CODE)
    expect(screen.queryByTestId('error-creditCode')).toBeNull()
    await waitFor(() => expect(within(form).getByTestId('field-chainId')).not.toHaveTextContent('正在读取'))
    choose('chainId', '智能家电')
    fireEvent.click(screen.getByRole('switch', { name: '链主企业' }))
    fireEvent.click(screen.getByTestId('form-save'))
    expect(await screen.findByTestId('error-creditCode')).toHaveTextContent('统一社会信用代码校验位不正确，请核对是否抄错')
    expect(screen.getByTestId('save-failure')).toHaveTextContent('有 1 处需要修改')
    const [first] = postedTo('admin.saveEnterprise')
    expect(first.input).toEqual({ name: '顺德新材料有限公司', creditCode: BAD_CODE, chainId: 'appliance', townId: null, isChainLeader: true })
    expect(first.requestId).toEqual(expect.any(String))

    type('统一社会信用代码', GOOD_CODE.toLowerCase())
    fireEvent.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull())
    // the schema upper-cases the code, as the server does
    expect(postedTo('admin.saveEnterprise')[1].input.creditCode).toBe(GOOD_CODE)
    expect(rowOf('e-new')).toHaveTextContent('顺德新材料有限公司')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已新增' }))
  })

  test('编辑 sends the whole record with its id; 删除 asks first and shows the server’s reason when it refuses', async () => {
    signIn(admin)
    answerBy({
      'admin.enterprises': okBody(enterprises),
      'catalog.bootstrap': okBody(bootstrap),
      'admin.saveEnterprise': (input) => okBody({ ...enterprises[1], ...input }),
      'admin.remove': errorBody(409, 'CONFLICT', '该企业还有 3 条诉求和 1 个结对，不能删除；可以先把结对改到其他企业')
    })
    render(<AdminListView entity='enterprises' />)
    await screen.findAllByTestId('record-row')
    fireEvent.click(within(rowOf('e-gaobao')).getByTestId('row-edit'))
    expect(screen.getByLabelText('企业名称')).toHaveValue('高宝化工有限公司')
    type('企业名称', '高宝化工（顺德）有限公司')
    fireEvent.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull())
    expect(postedTo('admin.saveEnterprise')[0].input).toEqual({
      id: 'e-gaobao',
      name: '高宝化工（顺德）有限公司',
      creditCode: null,
      chainId: null,
      townId: 'daliang',
      isChainLeader: false
    })

    fireEvent.click(within(rowOf('e-murata')).getByTestId('row-remove'))
    await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除这个企业？' })))
    const error = await within(rowOf('e-murata')).findByTestId('row-error')
    expect(error).toHaveTextContent('不能删除“广东村田智能科技有限公司”')
    expect(error).toHaveTextContent('该企业还有 3 条诉求和 1 个结对，不能删除；可以先把结对改到其他企业')
    expect(postedTo('admin.remove')[0].input).toEqual({ entity: 'enterprises', id: 'e-murata' })
    expect(postedTo('admin.remove')[0].requestId).toEqual(expect.any(String))
    // still listed
    expect(rowOf('e-murata')).toBeInTheDocument()
  })

  test('删除 declined: nothing is sent; accepted and allowed: the row goes', async () => {
    signIn(admin)
    let stored = enterprises
    answerBy({
      'admin.enterprises': () => okBody(stored),
      'catalog.bootstrap': okBody(bootstrap),
      'admin.remove': (input) => {
        stored = stored.filter((e) => e.id !== input.id)
        return okBody({ removed: true })
      }
    })
    render(<AdminListView entity='enterprises' />)
    await screen.findAllByTestId('record-row')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.click(within(rowOf('e-gaobao')).getByTestId('row-remove'))
    await waitFor(() => expect(showModal).toHaveBeenCalled())
    expect(postedTo('admin.remove')).toHaveLength(0)
    fireEvent.click(within(rowOf('e-gaobao')).getByTestId('row-remove'))
    await waitFor(() => expect(screen.getAllByTestId('record-row').map((r) => r.getAttribute('data-id'))).toEqual(['e-murata']))
  })

  test('an empty list explains what it is for, with 新增', async () => {
    signIn(admin)
    answerBy({ 'admin.enterprises': okBody([]), 'catalog.bootstrap': okBody(bootstrap) })
    render(<AdminListView entity='enterprises' />)
    expect(await screen.findByText('还没有企业')).toBeInTheDocument()
    expect(screen.getByText(/也可以用“批量导入”从 Excel 一次导入/)).toBeInTheDocument()
    fireEvent.click(within(screen.getByText('还没有企业').parentElement as HTMLElement).getByText('新增企业'))
    expect(screen.getByTestId('record-form')).toBeInTheDocument()
  })

  test('opened on one record (from 操作日志): its editor opens; Esc on a PC closes it (asking first once changed)', async () => {
    signIn(admin)
    answerBy({ 'admin.enterprises': okBody(enterprises), 'catalog.bootstrap': okBody(bootstrap) })
    render(<AdminListView entity='enterprises' openId='e-gaobao' />)
    expect(await screen.findByTestId('record-form')).toHaveTextContent('高宝化工有限公司')
    type('企业名称', '高宝')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.keyDown(document, { key: 'Escape' })
    await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '放弃未保存的修改？' })))
    expect(screen.getByTestId('record-form')).toBeInTheDocument()
    fireEvent.keyDown(document, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull())
  })
})

describe('人员与角色', () => {
  test('masked phones, roles as tags; an erased person is marked and cannot be changed', async () => {
    signIn(admin)
    answerBy({ 'admin.people': okBody(people) })
    render(<AdminListView entity='people' />)
    await screen.findAllByTestId('record-row')
    const he = rowOf('p-he')
    expect(within(he).getByTestId('cell-phone')).toHaveTextContent('138****0000')
    expect(within(he).getByTestId('role-tag')).toHaveTextContent('部门经办人 · 区民政和人力资源社会保障局')
    expect(within(he).getByTestId('cell-login')).toHaveTextContent('账号 hejiaxin')
    const gone = rowOf('p-gone')
    expect(within(gone).getByTestId('person-erased')).toHaveTextContent('已注销')
    expect(within(gone).queryByTestId('row-edit')).toBeNull()
    expect(within(gone).queryByTestId('grant-role')).toBeNull()
    expect(within(gone).getByTestId('row-locked')).toHaveTextContent('不可修改')

    // the role filter asks the server
    fireEvent.click(screen.getByTestId('role-filter-station'))
    await waitFor(() => expect(postedTo('admin.people').map((p) => p.input)).toContainEqual({ role: 'station' }))
  })

  test('收回 a role after confirming; 授予角色 with a department picked', async () => {
    signIn(admin)
    const granted: AdminPerson = {
      ...people[0],
      roles: [{ role: 'handler', scopeId: 'ecb', scopeName: '区经济促进局' }]
    }
    answerBy({
      'admin.people': okBody(people),
      'accounts.revokeRole': okBody({ id: 'p-he', name: '何嘉欣', roles: [] }),
      'catalog.bootstrap': okBody(bootstrap),
      'admin.grantRole': okBody(granted)
    })
    render(<AdminListView entity='people' />)
    await screen.findAllByTestId('record-row')
    fireEvent.click(within(rowOf('p-he')).getByTestId('revoke-role'))
    await waitFor(() => expect(within(rowOf('p-he')).queryByTestId('role-tag')).toBeNull())
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '收回这个角色？', content: expect.stringContaining('何嘉欣') }))
    const [revoked] = postedTo('accounts.revokeRole')
    expect(revoked.input).toEqual({ personId: 'p-he', role: 'handler', scopeId: 'hr' })
    expect(revoked.requestId).toEqual(expect.any(String))
    expect(rowOf('p-he')).toHaveTextContent('暂无角色')

    fireEvent.click(within(rowOf('p-he')).getByTestId('grant-role'))
    fireEvent.click(screen.getByTestId('grant-role-handler'))
    fireEvent.click(screen.getByTestId('grant-submit'))
    expect(await screen.findByTestId('error-scopeId')).toHaveTextContent('请选择部门')
    await waitFor(() => expect(screen.getByTestId('select-scopeId')).toBeInTheDocument())
    choose('scopeId', '区经济促进局')
    fireEvent.click(screen.getByTestId('grant-submit'))
    await waitFor(() => expect(screen.queryByTestId('grant-form')).toBeNull())
    expect(postedTo('admin.grantRole')[0].input).toEqual({ personId: 'p-he', role: 'handler', scopeId: 'ecb' })
    expect(within(rowOf('p-he')).getByTestId('role-tag')).toHaveTextContent('部门经办人 · 区经济促进局')
  })

  test('the last administrator’s role cannot be taken back: the server’s reason shows by the tags', async () => {
    signIn(admin)
    const su: AdminPerson = { ...people[0], id: 'p-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] }
    answerBy({ 'admin.people': okBody([su]), 'accounts.revokeRole': errorBody(409, 'CONFLICT', '不能收回最后一位系统管理员的角色') })
    render(<AdminListView entity='people' />)
    await screen.findAllByTestId('record-row')
    expect(within(rowOf('p-admin')).getByTestId('role-tag')).toHaveTextContent('系统管理员 · 全区')
    fireEvent.click(within(rowOf('p-admin')).getByTestId('revoke-role'))
    expect(await screen.findByTestId('revoke-role-error')).toHaveTextContent('不能收回最后一位系统管理员的角色')
    expect(postedTo('accounts.revokeRole')[0].input).toEqual({ personId: 'p-admin', role: 'admin' })
  })

  test('editing a person leaves the masked phone alone unless a new one is typed', async () => {
    signIn(admin)
    answerBy({ 'admin.people': okBody(people), 'admin.savePerson': (input) => okBody({ ...people[0], ...input, phone: '139****5678' }) })
    render(<AdminListView entity='people' />)
    await screen.findAllByTestId('record-row')
    fireEvent.click(within(rowOf('p-he')).getByTestId('row-edit'))
    expect(screen.getByTestId('field-phone')).toHaveTextContent('已登记 138****0000')
    fireEvent.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(postedTo('admin.savePerson')).toHaveLength(1))
    expect(postedTo('admin.savePerson')[0].input).toEqual({ id: 'p-he', name: '何嘉欣', partyMember: true })

    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull())
    fireEvent.click(within(rowOf('p-he')).getByTestId('row-edit'))
    type('电话', '1390000')
    fireEvent.click(screen.getByTestId('form-save'))
    expect(await screen.findByTestId('error-phone')).toHaveTextContent('电话应为 11 位手机号或带区号的座机')
    type('电话', '13912345678')
    fireEvent.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(postedTo('admin.savePerson')).toHaveLength(2))
    expect(postedTo('admin.savePerson')[1].input).toEqual({ id: 'p-he', name: '何嘉欣', phone: '13912345678', partyMember: true })
  })
})

describe('站点 and 服务项目', () => {
  test('a station’s week: a day opened with bad hours is flagged on that day; 24 小时 hides the week', async () => {
    signIn(admin)
    answerBy({
      'admin.stations': okBody(stations),
      'catalog.bootstrap': okBody(bootstrap),
      'admin.people': okBody(people),
      'admin.saveStation': (input) => okBody({ ...stations[0], ...input } as AdminStation)
    })
    render(<AdminListView entity='stations' />)
    await screen.findAllByTestId('record-row')
    expect(within(rowOf('s-desheng')).getByTestId('cell-hours')).toHaveTextContent('周一至周五 09:00–18:00')
    expect(within(rowOf('s-desheng')).getByTestId('cell-amenities')).toHaveTextContent('饮水充电')
    await waitFor(() => expect(within(rowOf('s-desheng')).getByTestId('cell-managerPersonId')).toHaveTextContent('何嘉欣'))
    expect(within(rowOf('s-beijiao')).getByTestId('cell-hours')).toHaveTextContent('全天开放')

    fireEvent.click(within(rowOf('s-desheng')).getByTestId('row-edit'))
    fireEvent.click(screen.getByRole('switch', { name: '周六开放' }))
    type('周六开门时间', '19:00')
    fireEvent.click(screen.getByRole('checkbox', { name: /无线网络/ }))
    fireEvent.click(screen.getByTestId('form-save'))
    expect(await screen.findByTestId('error-hours.6')).toHaveTextContent('周六：关门时间应晚于开门时间')
    expect(postedTo('admin.saveStation')).toHaveLength(0)

    type('周六开门时间', '9:30')
    fireEvent.blur(screen.getByLabelText('周六开门时间'))
    expect(screen.getByLabelText('周六开门时间')).toHaveValue('09:30')
    fireEvent.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(postedTo('admin.saveStation')).toHaveLength(1))
    const sent = postedTo('admin.saveStation')[0].input
    expect(sent.hours[6]).toEqual({ open: '09:30', close: '18:00' })
    expect(sent.hours[0]).toBeNull()
    expect(sent.amenities).toEqual(['water', 'charging', 'wifi'])
    expect(sent).toMatchObject({ id: 's-desheng', lat: 22.8409, lng: 113.2497, managerPersonId: 'p-he', closedOnHolidays: true, open24h: false })

    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull())
    fireEvent.click(within(rowOf('s-desheng')).getByTestId('row-edit'))
    expect(screen.getByTestId('hours-hours')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('switch', { name: '全天开放' }))
    expect(screen.queryByTestId('hours-hours')).toBeNull()
  })

  test('services are listed by station; 新增 starts on the chosen station', async () => {
    signIn(admin)
    answerBy({
      'admin.services': (input) => okBody(input.stationId === 's-beijiao' ? [] : services),
      'admin.stations': okBody(stations)
    })
    render(<AdminListView entity='services' />)
    await screen.findAllByTestId('record-row')
    await waitFor(() => expect(within(rowOf('sv-rest')).getByTestId('cell-stationId')).toHaveTextContent('大良德胜暖“新”驿站'))
    // no server search for services: typed words filter what is shown
    type('搜索服务项目', '托管')
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(1))
    type('搜索服务项目', '')

    choose('stationFilter', '北滘党群服务站')
    await waitFor(() => expect(postedTo('admin.services').map((p) => p.input)).toContainEqual({ stationId: 's-beijiao' }))
    expect(await screen.findByText('北滘党群服务站还没有服务项目')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('add-record'))
    expect(screen.getByTestId('select-stationId')).toHaveTextContent('北滘党群服务站')
  })
})
