import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { useDidShow } from '@tarojs/taro'
import { CloudError, toCloudError } from '@/services/cloud'

export interface Remote<T> {
  data: T | undefined
  error: CloudError | undefined
  loading: boolean
  /** Loads again (showing the loading state); resolves when done, never rejects. */
  reload: () => Promise<void>
  /** Refreshes quietly, keeping what is shown (a failure keeps it too). */
  refresh: () => Promise<void>
  /** Shows `data` now (e.g. what an action answered with); a load still under way is discarded. */
  mutate: (data: T) => void
}

interface Options {
  /** Refresh quietly (keeping what is shown) each time the page is shown again, e.g. back from a form. */
  refreshOnShow?: boolean
  /** When false nothing is loaded (e.g. signed out); `loading` is false and `data` undefined. */
  enabled?: boolean
}

interface State<T> {
  data: T | undefined
  error: CloudError | undefined
  loading: boolean
}

/**
 * Runs `loader` now and whenever `deps` change; only the newest run's answer is kept, so a slow
 * earlier answer never overwrites a newer one.
 */
export function useRemote<T>(loader: () => Promise<T>, deps: DependencyList, options: Options = {}): Remote<T> {
  const enabled = options.enabled !== false
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: enabled })
  const loaderRef = useRef(loader)
  loaderRef.current = loader
  const seq = useRef(0)
  const alive = useRef(true)
  const lastRunAt = useRef(0)
  const enabledRef = useRef(enabled)
  enabledRef.current = enabled

  const run = useCallback(async (quiet: boolean) => {
    const id = ++seq.current
    lastRunAt.current = Date.now()
    if (!quiet) setState((s) => ({ data: s.data, error: undefined, loading: true }))
    try {
      const data = await loaderRef.current()
      if (alive.current && id === seq.current) setState({ data, error: undefined, loading: false })
    } catch (e) {
      if (!alive.current || id !== seq.current) return
      const error = toCloudError(e)
      // a failed quiet refresh keeps what is on screen
      setState((s) => (quiet && s.data !== undefined ? { ...s, loading: false } : { data: undefined, error, loading: false }))
    }
  }, [])

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  useEffect(() => {
    if (!enabled) {
      seq.current++
      setState({ data: undefined, error: undefined, loading: false })
      return
    }
    setState({ data: undefined, error: undefined, loading: true })
    void run(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  const failed = useRef(false)
  failed.current = !!state.error
  useDidShow(() => {
    if (!enabledRef.current) return
    // the page's first show comes right after the initial load above: skip it
    if (Date.now() - lastRunAt.current < 1500) return
    // coming back to a page that failed tries again; a shown list refreshes quietly when asked to
    if (failed.current) void run(false)
    else if (options.refreshOnShow) void run(true)
  })

  const reload = useCallback(() => (enabledRef.current ? run(false) : Promise.resolve()), [run])
  const refresh = useCallback(() => (enabledRef.current ? run(true) : Promise.resolve()), [run])
  const mutate = useCallback((data: T) => {
    seq.current++
    setState({ data, error: undefined, loading: false })
  }, [])
  return { ...state, reload, refresh, mutate }
}
