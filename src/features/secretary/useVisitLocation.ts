import { useCallback, useEffect, useRef, useState } from 'react'
import { locateOrWhy, type Position } from '@/services/location'
import type { Refusal } from '@/services/privacy'

export type VisitLocation =
  | { status: 'locating'; position: null; refused: null }
  | { status: 'located'; position: Position; refused: null }
  /** `refused`: the person or the phone said no (the form says how to allow it); null: no fix in time. */
  | { status: 'none'; position: null; refused: Refusal | null }

/**
 * Asks for the position once when the form opens (WeChat shows its permission prompt the first time);
 * `retry` asks again only when the secretary taps 重新定位. The form never waits for it.
 */
export function useVisitLocation(): VisitLocation & { retry: () => void } {
  const [state, setState] = useState<VisitLocation>({ status: 'locating', position: null, refused: null })
  const alive = useRef(true)
  const seq = useRef(0)
  const run = useCallback(() => {
    const id = ++seq.current
    setState({ status: 'locating', position: null, refused: null })
    void locateOrWhy({ precise: true, maxAgeMs: 60_000 }).then(({ position, refused }) => {
      if (!alive.current || id !== seq.current) return
      setState(position ? { status: 'located', position, refused: null } : { status: 'none', position: null, refused })
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
