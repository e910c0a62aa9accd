import type { Section } from '../lib/report-types'
import { api } from './api'
import { contention } from './contention'
import { routing } from './routing'
import { scale } from './scale'
import { weight } from './weight'

// In the order they run and appear in docs/benchmarks.md. Builds first (they need both cores and no
// database), the 1M-row scale section last (its data is dropped at the end).
export const SECTIONS: Section[] = [weight, routing, api, contention, scale]
