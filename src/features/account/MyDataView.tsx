import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ExportedFile } from '@contract/reports'
import { eraseMeInput } from '@contract/admin-schemas'
import { call, toCloudError } from '@/services/cloud'
import { clearSession } from '@/services/session'
import { forwardToChat, saveExportedFile, writeToUserFolder } from '@/services/download'
import { useSession } from '@/hooks/useSession'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { PageHeader } from '@/components/PageHeader'
import { StateView } from '@/components/StateView'
import { FormField } from '@/components/FormField'
import { TAB } from '@/utils/routes'
import './my-data.css'

/** What 链上通 keeps about a person: the same parts accounts.exportMine writes to the file. */
const STORED = [
  { what: '账号', detail: '姓名、电话、是否党员，电脑端的登录账号或小程序的微信绑定' },
  { what: '角色', detail: '您的角色，以及对应的企业、部门或驿站' },
  { what: '诉求', detail: '您提交或代提的诉求、评价、“我也遇到”，以及附带的照片' },
  { what: '驿站', detail: '预约、签到记录和站点反馈' },
  { what: '共建与走访', detail: '您记录的共建活动、活动签到和走访（含走访位置）' },
  { what: '消息', detail: '派单、答复、督办等站内消息' }
] as const

/** The word the person types to confirm, as the server checks it. */
const CONFIRM_WORD = '注销'

type Exported = { state: 'idle' } | { state: 'busy' } | { state: 'kept'; path: string; fileName: string } | { state: 'failed'; message: string }

/** 导出我的数据: H5 downloads the file; WeChat writes it, then 转发到聊天 (a tap of its own) lets the person keep it. */
function ExportCard() {
  const [exported, setExported] = useState<Exported>({ state: 'idle' })
  const weapp = process.env.TARO_ENV === 'weapp'

  const exportMine = async () => {
    if (exported.state === 'busy') return
    setExported({ state: 'busy' })
    try {
      const file: ExportedFile = await call('accounts', 'exportMine', {})
      if (weapp) {
        setExported({ state: 'kept', path: await writeToUserFolder(file), fileName: file.fileName })
        return
      }
      await saveExportedFile(file)
      setExported({ state: 'idle' })
      void Taro.showToast({ title: '已下载', icon: 'success' })
    } catch (e) {
      setExported({ state: 'failed', message: toCloudError(e).message })
    }
  }

  const forward = (path: string, fileName: string) => {
    forwardToChat(path, fileName).catch((e: unknown) => {
      // closing WeChat's chat picker is not a failure
      if (!/cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))) {
        void Taro.showToast({ title: '转发失败，请稍后重试', icon: 'none' })
      }
    })
  }

  return (
    <View className='card md-card' data-testid='export-card'>
      <Text className='md-card__title'>导出我的数据</Text>
      <Text className='md-card__desc'>生成一个 JSON 文件，包含上面列出的全部信息（照片为记录，不含图片本身）。</Text>
      {exported.state === 'kept' ? (
        <>
          <Text className='md-card__done' data-testid='export-ready'>
            已生成 {exported.fileName}
          </Text>
          <View className='md-btn md-btn--primary' role='button' onClick={() => forward(exported.path, exported.fileName)} data-testid='export-forward'>
            <Text>转发到聊天保存</Text>
          </View>
        </>
      ) : (
        <View
          className={`md-btn md-btn--primary${exported.state === 'busy' ? ' md-btn--busy' : ''}`}
          role='button'
          aria-disabled={exported.state === 'busy'}
          onClick={() => void exportMine()}
          data-testid='export-mine'
        >
          <Text>{exported.state === 'busy' ? '正在导出…' : '导出我的数据'}</Text>
        </View>
      )}
      {exported.state === 'failed' && (
        <Text className='md-error' data-testid='export-error'>
          {exported.message}
        </Text>
      )}
    </View>
  )
}

/** 注销账号: typed 注销, then accounts.eraseMe; signed out here and back to 我的. Server refusals are shown as they are. */
function EraseCard() {
  const [typed, setTyped] = useState('')
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const erase = async () => {
    const checked = eraseMeInput.safeParse({ confirm: typed.trim() })
    // a retry after a lost answer finds the account already gone: the erase went through the first time
    const afterLostAnswer = retrying
    const done = await form.submit(checked, async (data, requestId) => {
      try {
        return await call('accounts', 'eraseMe', data, { requestId })
      } catch (e) {
        if (afterLostAnswer && toCloudError(e).code === 'UNAUTHENTICATED') return { erased: true as const }
        throw e
      }
    })
    if (!done) return
    clearSession()
    void Taro.showToast({ title: '账号已注销', icon: 'none' })
    void Taro.switchTab({ url: TAB.me })
  }

  return (
    <View className='card md-card md-card--danger' data-testid='erase-card'>
      <Text className='md-card__title'>注销账号</Text>
      <View className='md-erase'>
        <Text className='md-erase__line'>· 您的姓名、电话、账号与微信绑定、角色和消息会被删除；</Text>
        <Text className='md-erase__line'>· 您未来的驿站预约会被取消；</Text>
        <Text className='md-erase__line'>· 您提交过的诉求会保留，以便部门继续办理，但改为匿名显示；</Text>
        <Text className='md-erase__line md-erase__line--strong'>· 注销后无法恢复。如需再次使用，要重新开通账号。</Text>
      </View>
      <FormField label={`请输入“${CONFIRM_WORD}”确认`} required error={errors.confirm} errorTestId='erase-error'>
        <Input
          className='form-field__input'
          value={typed}
          maxlength={10}
          placeholder={CONFIRM_WORD}
          onInput={(e) => {
            setTyped(e.detail.value)
            clearError('confirm')
          }}
          aria-label='输入注销确认'
          data-testid='erase-confirm'
        />
      </FormField>
      {failure && !errors.confirm && (
        <View className='md-alert' data-testid='erase-failure'>
          <Text>{failure.message}</Text>
          {retrying && <Text className='md-alert__hint'>可直接再点一次“注销账号”，不会重复处理</Text>}
        </View>
      )}
      <View
        className={`md-btn md-btn--danger${sending ? ' md-btn--busy' : ''}`}
        role='button'
        aria-disabled={sending}
        onClick={() => void erase()}
        data-testid='erase-submit'
      >
        <Text>{sending ? '正在注销…' : '注销账号'}</Text>
      </View>
    </View>
  )
}

/** packages/account/my-data: what we keep about you, 导出我的数据, and 注销账号. */
export function MyDataView() {
  const session = useSession()
  const header = <PageHeader title='我的数据' subtitle='我们保存了您的哪些信息，以及如何导出或注销' />
  if (!session) {
    return (
      <View className='page md-page'>
        {header}
        <StateView
          empty
          emptyTitle='请先登录'
          emptyDescription='登录后可以查看、导出我们保存的您的信息，或注销账号。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  return (
    <View className='page md-page'>
      {header}
      <View className='card md-card' data-testid='stored-list'>
        <Text className='md-card__title'>我们保存的信息</Text>
        {STORED.map((s) => (
          <View key={s.what} className='md-stored'>
            <Text className='md-stored__what'>{s.what}</Text>
            <Text className='md-stored__detail'>{s.detail}</Text>
          </View>
        ))}
      </View>
      <ExportCard />
      <EraseCard />
    </View>
  )
}

export default MyDataView
