import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityDetail } from '@contract/pairings'
import { attendInput } from '@contract/schemas'
import { call, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { activityDetailUrl, TAB } from '@/utils/routes'
import { dayText } from './dates'
import { TypeTag } from './shared'
import './list.css'
import './styles.css'

type Outcome = { kind: 'ok' | 'again'; activity: ActivityDetail } | { kind: 'refused'; message: string }

/**
 * A scanned code as sent: the code itself, or the `code` parameter when the QR holds a link to this page
 * (…/attend/index?code=…).
 */
export function codeFrom(scanned: string): string {
  const text = scanned.trim()
  const m = /[?&]code=([^&#]+)/.exec(text)
  if (!m) return text
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

function Result({ outcome, onAgain }: { outcome: Outcome; onAgain: () => void }) {
  if (outcome.kind === 'refused') {
    return (
      <View className='pa-result pa-result--refused' data-testid='attend-result' data-kind='refused'>
        <Text className='pa-result__big'>未能签到</Text>
        <Text className='pa-result__text' data-testid='attend-message'>
          {outcome.message}
        </Text>
        <Text className='pa-result__hint'>请确认扫描的是本次活动当天出示的签到码；仍不行时，请组织者重新打开签到码后再试。</Text>
        <View className='pa-btn pa-btn--block' role='button' data-testid='attend-again' onClick={onAgain}>
          <Text>重新签到</Text>
        </View>
      </View>
    )
  }
  const a = outcome.activity
  return (
    <View className={`pa-result pa-result--${outcome.kind}`} data-testid='attend-result' data-kind={outcome.kind}>
      <Text className='pa-result__big'>{outcome.kind === 'ok' ? '签到成功' : '已签到过'}</Text>
      {outcome.kind === 'again' && <Text className='pa-result__hint'>您之前已签到这次活动，不会重复计数。</Text>}
      <View className='pa-result__activity'>
        <TypeTag type={a.type} />
        <Text className='pa-result__title' data-testid='attend-title'>
          {a.title}
        </Text>
        <Text className='pa-result__meta'>{a.pairingTitle}</Text>
        <Text className='pa-result__meta'>
          {dayText(a.heldOn)} · {a.place}
        </Text>
        <Text className='pa-result__meta' data-testid='attend-count'>
          已有 {a.attendance} 人签到
        </Text>
      </View>
      <View className='pa-btn pa-btn--primary pa-btn--block' role='button' data-testid='open-activity' onClick={() => void Taro.redirectTo({ url: activityDetailUrl(a.id) })}>
        <Text>查看活动</Text>
      </View>
    </View>
  )
}

/** packages/pairings/attend?code=: a member signs in to an activity with its code (scanned on WeChat, typed on H5). */
export function AttendView({ code: given = '' }: { code?: string }) {
  const session = useSession()
  const userId = session?.user.id ?? ''
  const weapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  // the same code tried again after a network failure keeps its request id
  const pending = useRef<{ code: string; requestId: string } | null>(null)
  const started = useRef(false)

  const attend = async (raw: string) => {
    if (busy || !userId) return
    const parsed = attendInput.safeParse({ code: codeFrom(raw) })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '签到码不正确')
      return
    }
    setError(null)
    const value = parsed.data.code
    if (pending.current?.code !== value) pending.current = { code: value, requestId: newRequestId() }
    setBusy(true)
    try {
      const { activity, alreadyAttended } = await call('pairings', 'attend', { code: value }, { requestId: pending.current.requestId })
      pending.current = null
      setOutcome({ kind: alreadyAttended ? 'again' : 'ok', activity })
      setCode('')
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) pending.current = null
      setOutcome({ kind: 'refused', message: err.message })
    } finally {
      setBusy(false)
    }
  }

  // a code in the link (a QR opened from WeChat) is sent at once
  useEffect(() => {
    if (!given || !userId || started.current) return
    started.current = true
    void attend(given)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given, userId])

  const scan = async () => {
    let result: string
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch {
      return // cancelled
    }
    await attend(result)
  }

  if (!session) {
    return (
      <View className='page'>
        <View className='card pa-signin' data-testid='attend-signed-out'>
          <Text className='pa-signin__title'>登录后才能签到</Text>
          <Text className='pa-note'>签到会记下您参加了哪次共建活动，请先在「我的」选择身份登录{given ? '，登录后请重新扫描签到码' : ''}。</Text>
          <View className='pa-btn pa-btn--primary pa-btn--block' role='button' data-testid='attend-sign-in' onClick={() => void Taro.switchTab({ url: TAB.me })}>
            <Text>去登录</Text>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className='page'>
      {busy && !outcome && (
        <View className='pa-result pa-result--busy' data-testid='attend-busy'>
          <Text className='pa-result__text'>正在签到…</Text>
        </View>
      )}
      {outcome && (
        <Result
          outcome={outcome}
          onAgain={() => {
            setOutcome(null)
            if (weapp) void scan()
          }}
        />
      )}
      {(!outcome || outcome.kind !== 'refused') && (
        <View className='card'>
          <Text className='pa-card-title'>{outcome ? '为另一次活动签到' : '共建活动签到'}</Text>
          <Text className='pa-note'>请扫描活动组织者出示的签到码。签到码只在活动当天有效。</Text>
          {weapp && (
            <View className='pa-btn pa-btn--primary pa-btn--block' role='button' data-testid='scan-code' onClick={() => void scan()}>
              <Text>扫码签到</Text>
            </View>
          )}
          <Text className='pa-code-entry__label'>{weapp ? '无法扫码时，输入签到码' : '输入签到码'}</Text>
          <Input
            className='pa-code-entry'
            value={code}
            placeholder='粘贴或输入组织者提供的签到码'
            onInput={(e) => {
              setCode(e.detail.value)
              setError(null)
            }}
            onConfirm={() => void attend(code)}
            aria-label='签到码'
            data-testid='attend-code-input'
          />
          {error && (
            <Text className='pa-error' data-testid='attend-code-error'>
              {error}
            </Text>
          )}
          <View className={`pa-btn pa-btn--block${weapp ? '' : ' pa-btn--primary'}${code.trim() && !busy ? '' : ' pa-btn--off'}`} role='button' data-testid='attend-submit' onClick={() => void attend(code)}>
            <Text>{busy ? '请稍候…' : '签到'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}

export default AttendView
