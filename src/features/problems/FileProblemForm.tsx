import { useMemo, useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { FILING_CATEGORIES as CATEGORIES, type CategoryId } from '@contract/categories'
import { fileProblemInput, LIMITS } from '@contract/schemas'
import type { User } from '@contract/accounts'
import { call } from '@/services/cloud'
import { grantsOf } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { canAskToSubscribe, offerSubscribe } from '@/services/subscribe'
import { TAB, problemDetailUrl } from '@/utils/routes'
import { FieldCounter, FieldError, FormField } from '@/components/FormField'
import { PhotoField } from '@/components/PhotoField'
import { Select, SwitchRow, type SelectOption } from './FormParts'
import { photoErrors, usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import './list.css'
import './styles.css'

interface EnterpriseOption {
  id: string
  name: string
}

type EnterpriseSource = 'enterprise' | 'secretary' | 'catalog'

/** Whose problem this is: the liaison's own enterprise, a first secretary's assigned ones, or any. */
export function enterpriseChoices(user: User): { source: EnterpriseSource; options: EnterpriseOption[] } {
  const toOptions = (role: 'enterprise' | 'secretary') =>
    grantsOf(user, role)
      .filter((g) => !!g.scopeId)
      .map((g) => ({ id: g.scopeId as string, name: g.scopeName ?? (g.scopeId as string) }))
  const own = toOptions('enterprise')
  if (own.length) return { source: 'enterprise', options: own }
  const assigned = toOptions('secretary')
  if (assigned.length) return { source: 'secretary', options: assigned }
  return { source: 'catalog', options: [] }
}

/** undefined: follow the enterprise's own chain/town; a string: what the filer picked instead. */
type PlacePick = string | undefined

function Form({ user }: { user: User }) {
  const choices = useMemo(() => enterpriseChoices(user), [user])
  // every enterprise with its chain and town (public): the defaults of the place fields, and the list
  // to pick from when the user holds no enterprise of their own
  const catalog = useRemote(() => call('catalog', 'enterprises', {}), [])
  const bootstrap = useRemote(() => call('catalog', 'bootstrap', {}), [])
  const sessions = useRemote(() => call('sessions', 'list', {}), [user.id])
  const enterpriseOptions: EnterpriseOption[] =
    choices.source === 'catalog' ? (catalog.data ?? []).map((e) => ({ id: e.id, name: e.name })) : choices.options

  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [category, setCategory] = useState<CategoryId | ''>('')
  const [anonymous, setAnonymous] = useState(false)
  // a first secretary arrives from one enterprise's card (?enterpriseId=): start with it when it is theirs
  const asked = useRouter().params.enterpriseId
  const [enterpriseId, setEnterpriseId] = useState<string>(
    choices.options.length === 1 ? choices.options[0].id : choices.options.some((o) => o.id === asked) ? (asked as string) : ''
  )
  const [chainPick, setChainPick] = useState<PlacePick>(undefined)
  const [townPick, setTownPick] = useState<PlacePick>(undefined)
  const [sessionPick, setSessionPick] = useState('')
  const [visibleToChain, setVisibleToChain] = useState(false)
  const photos = usePhotoUploads()
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const enterprise = catalog.data?.find((e) => e.id === enterpriseId)
  const chainId = chainPick !== undefined ? chainPick : (enterprise?.chainId ?? '')
  const townId = townPick !== undefined ? townPick : (enterprise?.townId ?? '')
  // only a session that is open now, for the chosen chain, can be named
  const openSessions: SelectOption[] = (sessions.data ?? [])
    .filter((s) => s.open && !!chainId && s.chainId === chainId)
    .map((s) => ({ id: s.id, name: s.title }))
  const sessionId = openSessions.some((s) => s.id === sessionPick) ? sessionPick : ''
  const canShare = !anonymous && !!chainId
  const shared = canShare && visibleToChain

  const pickEnterprise = (id: string) => {
    if (id === enterpriseId) return
    setEnterpriseId(id)
    // the place follows the new enterprise again
    setChainPick(undefined)
    setTownPick(undefined)
    setSessionPick('')
    clearError('enterpriseId')
  }

  const submit = async () => {
    const checked = fileProblemInput.safeParse({
      title,
      content,
      category: category || undefined,
      enterpriseId,
      ...(anonymous ? { anonymous: true } : {}),
      ...(chainId ? { chainId } : {}),
      ...(townId ? { townId } : {}),
      ...(sessionId ? { sessionId } : {}),
      ...(shared ? { visibleToChain: true } : {}),
      ...(photos.ids.length ? { photos: photos.ids } : {})
    })
    const detail = await form.submit(checked, (data, requestId) => call('problems', 'file', data, { requestId }), photoErrors(photos, '提交'))
    if (!detail) return
    if (choices.source === 'enterprise' && canAskToSubscribe()) {
      // WeChat lets the app ask only inside a tap: the modal's button is that tap
      await offerSubscribe('诉求已提交', '是否通过微信服务通知接收派单、答复等办理进展？')
    } else {
      void Taro.showToast({ title: '已提交', icon: 'success' })
    }
    void Taro.redirectTo({ url: problemDetailUrl(detail.id) })
  }

  const categoryIndex = CATEGORIES.findIndex((c) => c.id === category)

  let enterpriseField
  if (choices.source === 'enterprise' && enterpriseOptions.length === 1) {
    enterpriseField = <Text className='form-field__static'>{enterpriseOptions[0].name}</Text>
  } else {
    enterpriseField = (
      <Select
        label='企业'
        options={enterpriseOptions}
        value={enterpriseId}
        placeholder={choices.source === 'secretary' ? '选择您联系的企业' : '选择提交诉求的企业'}
        onPick={pickEnterprise}
        state={
          choices.source === 'catalog'
            ? { loading: catalog.loading, error: catalog.error, onRetry: () => void catalog.reload() }
            : undefined
        }
      />
    )
  }

  const placeState = { loading: bootstrap.loading, error: bootstrap.error, onRetry: () => void bootstrap.reload() }
  const chains: SelectOption[] = bootstrap.data?.chains ?? []
  const towns: SelectOption[] = bootstrap.data?.towns ?? []

  let sessionField
  if (!chainId) {
    sessionField = <Text className='form-field__static form-field__placeholder'>先选择产业链</Text>
  } else if (sessions.loading || sessions.error) {
    sessionField = (
      <Select
        label='吐槽大会'
        options={[]}
        value=''
        placeholder=''
        onPick={() => undefined}
        state={{ loading: sessions.loading, error: sessions.error, onRetry: () => void sessions.reload() }}
      />
    )
  } else if (!openSessions.length) {
    sessionField = (
      <Text className='form-field__static form-field__placeholder' data-testid='no-session'>
        本链当前没有进行中的吐槽大会
      </Text>
    )
  } else {
    sessionField = (
      <Select
        label='吐槽大会'
        options={[{ id: '', name: '不在吐槽大会上提出' }, ...openSessions]}
        value={sessionId}
        placeholder='选择正在召开的吐槽大会'
        onPick={(id) => {
          setSessionPick(id)
          clearError('sessionId')
        }}
      />
    )
  }

  return (
    <View className='page'>
      <PageHeader title='提交诉求' subtitle='说清楚遇到的问题，我们转给负责的部门办理' />
      <View className='card'>
        <FormField label='标题' required error={errors.title}>
          <Input
            className='form-field__input'
            value={title}
            maxlength={LIMITS.titleMax + 20}
            placeholder='一句话概括，如：新厂区急需招聘焊工'
            onInput={(e) => {
              setTitle(e.detail.value)
              clearError('title')
            }}
            aria-label='标题'
          />
        </FormField>

        <FormField label='问题描述' required error={errors.content}>
          <Textarea
            className='form-field__textarea'
            value={content}
            maxlength={LIMITS.contentMax + 200}
            placeholder='遇到了什么情况、影响多大、希望得到什么帮助'
            onInput={(e) => {
              setContent(e.detail.value)
              clearError('content')
            }}
            aria-label='问题描述'
          />
          <FieldCounter length={content.trim().length} max={LIMITS.contentMax} testId='content-counter' />
        </FormField>

        <FormField label='类别' required error={errors.category}>
          <Picker
            mode='selector'
            range={CATEGORIES.map((c) => c.label)}
            value={categoryIndex < 0 ? 0 : categoryIndex}
            onChange={(e) => {
              const picked = CATEGORIES[Number(e.detail.value)]
              if (picked) {
                setCategory(picked.id)
                clearError('category')
              }
            }}
            aria-label='类别'
          >
            <View className='form-field__picker'>
              {categoryIndex >= 0 ? (
                <Text>{CATEGORIES[categoryIndex].label}</Text>
              ) : (
                <Text className='form-field__placeholder'>选择问题类别，决定由哪个部门承办</Text>
              )}
              <Text className='form-field__arrow'>选择 ›</Text>
            </View>
          </Picker>
        </FormField>

        <FormField
          label='企业'
          required
          hint={choices.source === 'secretary' ? '第一书记可代所联系的企业提交' : undefined}
          error={errors.enterpriseId}
        >
          {enterpriseField}
        </FormField>

        <FormField label='产业链与镇街'>
          <View className='form-pair'>
            <View className='form-pair__item'>
              <Text className='form-pair__label'>产业链</Text>
              <Select
                label='产业链'
                options={chains}
                value={chainId}
                placeholder='选择产业链'
                onPick={(id) => {
                  setChainPick(id)
                  clearError('chainId')
                }}
                state={placeState}
              />
            </View>
            <View className='form-pair__item'>
              <Text className='form-pair__label'>镇街</Text>
              <Select
                label='镇街'
                options={towns}
                value={townId}
                placeholder='选择镇街'
                onPick={(id) => {
                  setTownPick(id)
                  clearError('townId')
                }}
                state={placeState}
              />
            </View>
          </View>
          <Text className='form-field__hint' data-testid='place-hint'>
            默认为企业所在，可改为问题发生地
          </Text>
          <FieldError message={errors.chainId} />
          <FieldError message={errors.townId} />
        </FormField>

        <FormField
          label='吐槽大会'
          optional
          hint='在吐槽大会期间提出的问题会列入大会议程，按“我也遇到”的企业数排序。'
          error={errors.sessionId}
        >
          {sessionField}
        </FormField>

        <PhotoField uploads={photos} error={errors.photos} />

        <FormField error={errors.anonymous}>
          <SwitchRow
            title='匿名提交（部门看不到提交人）'
            hint='承办部门只看到企业，看不到您的姓名；调度中心仍可联系您。'
            on={anonymous}
            onToggle={() => {
              // an anonymous problem is never public on the chain: turning 匿名 on turns 公开 off
              if (!anonymous) setVisibleToChain(false)
              setAnonymous(!anonymous)
            }}
            label='匿名提交'
            testId='anonymous-switch'
          />
        </FormField>

        <FormField error={errors.visibleToChain}>
          <SwitchRow
            title='向本链企业公开（其他企业可点“我也遇到”）'
            hint={
              anonymous
                ? '匿名提交的诉求不会在链上公开；如需公开，请先关闭匿名。'
                : !chainId
                  ? '选择产业链后可向本链企业公开。'
                  : '同链企业能在“链上诉求”中看到标题与类别，并点“我也遇到”；反映的企业越多，越会作为链级问题统一协调。'
            }
            on={shared}
            disabled={!canShare}
            onToggle={() => setVisibleToChain((v) => !v)}
            label='向本链企业公开'
            testId='visible-switch'
          />
        </FormField>
      </View>

      {failure && (
        <View className='form-alert' data-testid='form-failure'>
          <Text>{failure.message}</Text>
          {retrying && <Text className='form-alert__hint'>可直接再次提交，不会重复登记</Text>}
        </View>
      )}

      <Text className='form-note'>提交后系统按类别派单到承办部门，签收、办理、答复的每一步都会记录在诉求详情中。</Text>
      <Button type='primary' size='large' block disabled={sending} onClick={() => void submit()}>
        {sending ? '正在提交…' : retrying ? '重新提交' : '提交诉求'}
      </Button>
    </View>
  )
}

/** 提交诉求: the form, or the way to sign in first. */
export function FileProblemForm() {
  const session = useSession()
  if (!session) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='请先登录'
          emptyDescription='提交诉求需要知道是哪家企业遇到的问题。请在「我的」选择身份登录后再来。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  return <Form key={session.user.id} user={session.user} />
}

export default FileProblemForm
