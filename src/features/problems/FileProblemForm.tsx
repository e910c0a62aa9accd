import { useMemo, useRef, useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { CATEGORIES, type CategoryId } from '@contract/categories'
import { fileProblemInput, fieldErrors, LIMITS, type FieldErrors } from '@contract/schemas'
import type { User } from '@contract/accounts'
import { call, CloudError, newRequestId, toCloudError } from '@/services/cloud'
import { grantsOf } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { TAB, problemDetailUrl } from '@/utils/routes'
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

/** Codes after which the server may have stored the problem: a retry must reuse the request id. */
const MAYBE_STORED = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED'])

function FieldError({ message }: { message?: string }) {
  return message ? <Text className='form-field__error'>{message}</Text> : null
}

function Form({ user }: { user: User }) {
  const choices = useMemo(() => enterpriseChoices(user), [user])
  const catalog = useRemote(() => call('catalog', 'enterprises', {}), [], { enabled: choices.source === 'catalog' })
  const enterpriseOptions: EnterpriseOption[] =
    choices.source === 'catalog' ? (catalog.data ?? []).map((e) => ({ id: e.id, name: e.name })) : choices.options

  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [category, setCategory] = useState<CategoryId | ''>('')
  const [anonymous, setAnonymous] = useState(false)
  const [enterpriseId, setEnterpriseId] = useState<string>(choices.options.length === 1 ? choices.options[0].id : '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const [sending, setSending] = useState(false)
  // one id per submission, kept across retries so a lost answer never files the problem twice
  const requestId = useRef<string | null>(null)

  const clearError = (field: string) =>
    setErrors((e) => {
      if (!(field in e)) return e
      const next = { ...e }
      delete next[field]
      return next
    })

  const submit = async () => {
    if (sending) return
    setFailure(null)
    const parsed = fileProblemInput.safeParse({
      title,
      content,
      category: category || undefined,
      enterpriseId,
      ...(anonymous ? { anonymous: true } : {})
    })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    if (!requestId.current) requestId.current = newRequestId()
    setSending(true)
    try {
      const detail = await call('problems', 'file', parsed.data, { requestId: requestId.current })
      requestId.current = null
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.redirectTo({ url: problemDetailUrl(detail.id) })
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) requestId.current = null
      if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
      setFailure(err)
    } finally {
      setSending(false)
    }
  }

  const categoryIndex = CATEGORIES.findIndex((c) => c.id === category)
  const enterpriseIndex = enterpriseOptions.findIndex((e) => e.id === enterpriseId)
  const contentLength = content.trim().length
  const retrying = !!failure && MAYBE_STORED.has(failure.code)

  let enterpriseField
  if (choices.source === 'enterprise' && enterpriseOptions.length === 1) {
    enterpriseField = <Text className='form-field__static'>{enterpriseOptions[0].name}</Text>
  } else if (choices.source === 'catalog' && (catalog.loading || catalog.error)) {
    enterpriseField = catalog.loading ? (
      <Text className='form-field__static form-field__placeholder'>正在加载企业名录…</Text>
    ) : (
      <View className='form-field__picker' onClick={() => void catalog.reload()}>
        <Text className='form-field__placeholder'>{catalog.error?.message}</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  } else {
    enterpriseField = (
      <Picker
        mode='selector'
        range={enterpriseOptions.map((e) => e.name)}
        value={enterpriseIndex < 0 ? 0 : enterpriseIndex}
        onChange={(e) => {
          const picked = enterpriseOptions[Number(e.detail.value)]
          if (picked) {
            setEnterpriseId(picked.id)
            clearError('enterpriseId')
          }
        }}
        aria-label='企业'
      >
        <View className='form-field__picker'>
          {enterpriseIndex >= 0 ? (
            <Text>{enterpriseOptions[enterpriseIndex].name}</Text>
          ) : (
            <Text className='form-field__placeholder'>
              {choices.source === 'secretary' ? '选择您联系的企业' : '选择提交诉求的企业'}
            </Text>
          )}
          <Text className='form-field__arrow'>选择 ›</Text>
        </View>
      </Picker>
    )
  }

  return (
    <View className='page'>
      <PageHeader title='提交诉求' subtitle='说清楚遇到的问题，我们转给负责的部门办理' />
      <View className='card'>
        <View className='form-field'>
          <Text className='form-field__label'>
            标题<Text className='form-field__required'>*</Text>
          </Text>
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
          <FieldError message={errors.title} />
        </View>

        <View className='form-field'>
          <Text className='form-field__label'>
            问题描述<Text className='form-field__required'>*</Text>
          </Text>
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
          <Text
            className={`form-field__counter${contentLength > LIMITS.contentMax ? ' form-field__counter--over' : ''}`}
            data-testid='content-counter'
          >
            {contentLength}/{LIMITS.contentMax}
          </Text>
          <FieldError message={errors.content} />
        </View>

        <View className='form-field'>
          <Text className='form-field__label'>
            类别<Text className='form-field__required'>*</Text>
          </Text>
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
          <FieldError message={errors.category} />
        </View>

        <View className='form-field'>
          <Text className='form-field__label'>
            企业<Text className='form-field__required'>*</Text>
          </Text>
          {enterpriseField}
          {choices.source === 'secretary' && <Text className='form-field__hint'>第一书记可代所联系的企业提交</Text>}
          <FieldError message={errors.enterpriseId} />
        </View>

        <View className='form-field'>
          <View className='switch-row'>
            <View className='switch-row__text'>
              <Text className='form-field__label form-field__label--inline'>匿名提交（部门看不到提交人）</Text>
              <Text className='form-field__hint'>承办部门只看到企业，看不到您的姓名；调度中心仍可联系您。</Text>
            </View>
            <View
              className={`switch${anonymous ? ' switch--on' : ''}`}
              role='switch'
              aria-checked={anonymous}
              aria-label='匿名提交'
              data-testid='anonymous-switch'
              onClick={() => setAnonymous((v) => !v)}
            >
              <View className='switch__knob' />
            </View>
          </View>
          <FieldError message={errors.anonymous} />
        </View>
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
