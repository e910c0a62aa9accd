import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LiteButton } from '@/components/LiteButton'
import type { Session } from '@contract/accounts'
import type { ProblemSummary } from '@contract/problems'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { grantsOf, hasRole } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { ProblemCard } from './ProblemCard'

/** Problems this person said “我也遇到” to, remembered on the device (the server counts each enterprise once anyway). */
const votedKey = (userId: string) => `lst.voted.${userId}`

function readVoted(userId: string): Set<string> {
  try {
    const stored: unknown = Taro.getStorageSync(votedKey(userId))
    return new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [])
  } catch {
    return new Set()
  }
}

function saveVoted(userId: string, ids: Set<string>) {
  try {
    Taro.setStorageSync(votedKey(userId), [...ids].slice(-500))
  } catch {
    // storage full: the button just shows again; a second +1 is not counted twice
  }
}

const scopes = (session: Session, role: 'enterprise' | 'secretary') =>
  grantsOf(session.user, role)
    .map((g) => g.scopeId)
    .filter((id): id is string => !!id)

function VoteRow({
  votes,
  state,
  onVote
}: {
  votes: number
  /** what the button shows: can vote, voting, already voted, the reader's own problem, or no button */
  state: 'ready' | 'pending' | 'voted' | 'own' | 'secretary' | 'none'
  onVote: () => void
}) {
  return (
    // taps here never open the card
    <View className='vote-row' onClick={(e) => e.stopPropagation()}>
      <Text className='vote-row__count' data-testid='board-votes'>
        {votes > 0 ? `${votes} 家企业也遇到` : '还没有其他企业反映'}
      </Text>
      {state === 'own' && <Text className='vote-row__note'>本企业提出</Text>}
      {state === 'secretary' && <Text className='vote-row__note'>企业联络员可点</Text>}
      {state !== 'none' && state !== 'secretary' && (
        <View className='vote-row__button' data-testid='vote-button' data-state={state}>
          <LiteButton
            type='primary'
            fill={state === 'ready' ? 'solid' : 'outline'}
            size='small'
            disabled={state !== 'ready'}
            onClick={(e) => {
              e.stopPropagation()
              onVote()
            }}
          >
            {state === 'voted' ? '已反映' : '我也遇到'}
          </LiteButton>
        </View>
      )}
    </View>
  )
}

/**
 * 链上诉求: problems other enterprises of the reader's chains made public. An enterprise liaison says
 * “我也遇到” (+1) once per problem; the count goes up at once and back if the server refuses.
 */
export function ChainBoard({ session }: { session: Session }) {
  const userId = session.user.id
  const board = useRemote(() => call('problems', 'chainBoard', {}), [session.token], { refreshOnShow: true })
  // counts the server confirmed after a vote, and votes still on their way (each shown as +1 already)
  const [confirmed, setConfirmed] = useState<Record<string, number>>({})
  const [pending, setPending] = useState<Record<string, boolean>>({})
  const [voted, setVoted] = useState<Set<string>>(() => readVoted(userId))
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])
  // a reloaded board carries the server's counts again
  useEffect(() => setConfirmed({}), [board.data])

  const ownEnterprises = new Set(scopes(session, 'enterprise'))
  const readable = new Set([...ownEnterprises, ...scopes(session, 'secretary')])
  const liaison = ownEnterprises.size > 0
  const secretary = hasRole(session.user, 'secretary')
  const dispatcher = hasRole(session.user, 'dispatcher')

  const vote = async (p: ProblemSummary) => {
    if (pending[p.id]) return
    setPending((m) => ({ ...m, [p.id]: true }))
    const done = (answer?: ProblemSummary) => {
      if (!alive.current) return
      if (answer) setConfirmed((m) => ({ ...m, [p.id]: answer.votes }))
      setPending((m) => {
        const next = { ...m }
        delete next[p.id]
        return next
      })
    }
    try {
      const answer = await call('problems', 'vote', { id: p.id }, { requestId: newRequestId() })
      done(answer)
      setVoted((s) => {
        const next = new Set(s).add(p.id)
        saveVoted(userId, next)
        return next
      })
      void Taro.showToast({ title: '已记录', icon: 'success' })
    } catch (e) {
      done()
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    }
  }

  const list = board.data ?? []
  const inChain = liaison || secretary || dispatcher
  return (
    <StateView
      loading={board.loading}
      error={board.error}
      onRetry={() => void board.reload()}
      empty={list.length === 0}
      emptyTitle={inChain ? '本链还没有公开的诉求' : '链上诉求面向产业链上的企业'}
      emptyDescription={
        '“链上诉求”汇集同一产业链企业公开的问题。提交诉求时打开“向本链企业公开”，同链企业就能看到并点“我也遇到”；' +
        '反映的企业越多，调度中心越会把它作为链级问题统一协调、一次办好。' +
        (inChain ? '' : '以企业联络员身份登录，可查看本企业所在产业链的公开诉求。')
      }
    >
      <View className='board-intro'>
        <Text>同链企业公开的问题。遇到同样的问题就点“我也遇到”，反映的企业越多，越会作为链级问题统一协调。</Text>
      </View>
      <View className='section-title'>
        <Text>本链公开的诉求</Text>
        <Text className='section-title__extra'>共 {list.length} 条</Text>
      </View>
      {list.map((p) => {
        const votes = (confirmed[p.id] ?? p.votes) + (pending[p.id] ? 1 : 0)
        const state = !liaison
          ? secretary
            ? 'secretary'
            : 'none'
          : ownEnterprises.has(p.enterpriseId)
            ? 'own'
            : pending[p.id]
              ? 'pending'
              : voted.has(p.id)
                ? 'voted'
                : 'ready'
        return (
          <ProblemCard key={p.id} problem={p} showEnterprise openable={readable.has(p.enterpriseId) || dispatcher} hideVotes>
            <VoteRow votes={votes} state={state} onVote={() => void vote(p)} />
          </ProblemCard>
        )
      })}
    </StateView>
  )
}

export default ChainBoard
