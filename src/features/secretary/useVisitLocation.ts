import { useCallback, useEffect, useRef, useState } from 'react'
import { locate, type Position } from '@/services/location'

export type VisitLocation =
  | { status: 'locating'; position: null }
  | { status: 'located'; position: Position }
  | { status: 'none'; position: null }

/**
 * Asks for the position once when the form opens (WeChat shows its permission prompt the first time);
 * `retry` asks again only when the secretary taps 重新定位. The form never waits for it.
 */
export function useVisitLocation(): VisitLocation & { retry: () => void } {
  const [state, setState] = useState<VisitLocation>({ status: 'locating', position: null })
  const alive = useRef(true)
  const seq = useRef(0)
  const run = useCallback(() => {
    const id = ++seq.current
    setState({ status: 'locating', position: null })
    void locate({ precise: true, maxAgeMs: 60_000 }).then((position) => {
      if (!alive.current || id !== seq.current) return
      setState(position ? { status: 'located', position } : { status: 'none', position: null })
    })
  }, [])
  useEffect(() => {
    alive.current = true
    run()
    return () => {
      alive.current = false
    }
  }, [run])
  return { ...state, retry: run }
}
