import { useCallback } from 'react'
import { call } from '@/services/cloud'
import { useRemote, type Remote } from '@/hooks/useRemote'
import type { NameOf, OptionLists, OptionSource } from './console-types'

const FROM_BOOTSTRAP: readonly OptionSource[] = ['departments', 'towns', 'chains']

/** Loads the lists a page picks from, each once: departments, towns and chains come in one bootstrap call. */
async function loadLists(sources: readonly OptionSource[]): Promise<OptionLists> {
  const want = new Set(sources)
  const lists: OptionLists = {}
  const jobs: Promise<void>[] = []
  if (FROM_BOOTSTRAP.some((s) => want.has(s))) {
    jobs.push(
      call('catalog', 'bootstrap', {}).then((b) => {
        lists.departments = b.departments.map((d) => ({ value: d.id, label: d.name }))
        lists.towns = b.towns.map((t) => ({ value: t.id, label: t.name }))
        lists.chains = b.chains.map((c) => ({ value: c.id, label: c.name }))
      })
    )
  }
  if (want.has('enterprises')) {
    jobs.push(call('admin', 'enterprises', {}).then((es) => void (lists.enterprises = es.map((e) => ({ value: e.id, label: e.name, sub: e.creditCode ?? undefined })))))
  }
  if (want.has('stations')) {
    jobs.push(call('admin', 'stations', {}).then((ss) => void (lists.stations = ss.map((s) => ({ value: s.id, label: s.name, sub: s.address })))))
  }
  if (want.has('people')) {
    jobs.push(
      call('admin', 'people', {}).then(
        // an erased person is nobody to pick any more
        (ps) => void (lists.people = ps.filter((p) => !p.deleted).map((p) => ({ value: p.id, label: p.name, sub: p.login ?? p.phone ?? undefined })))
      )
    )
  }
  await Promise.all(jobs)
  return lists
}

export interface OptionState {
  remote: Remote<OptionLists>
  lists: OptionLists
  nameOf: NameOf
}

/**
 * The option lists of one page. Cells show names through `nameOf`: while the lists load (or if they
 * failed) an id shows as 读取中… or says why it has no name, never as blank.
 */
export function useOptionLists(sources: readonly OptionSource[], enabled = true): OptionState {
  const key = [...sources].sort().join(',')
  const remote = useRemote<OptionLists>(() => (sources.length ? loadLists(sources) : Promise.resolve({})), [key], { enabled })
  const lists = remote.data ?? {}
  const nameOf = useCallback<NameOf>(
    (source, id) => {
      if (!id) return ''
      const found = remote.data?.[source]?.find((o) => o.value === id)
      if (found) return found.label
      if (remote.loading) return '读取中…'
      return remote.error ? '名称未能读取' : '（已不存在）'
    },
    [remote.data, remote.loading, remote.error]
  )
  return { remote, lists, nameOf }
}
