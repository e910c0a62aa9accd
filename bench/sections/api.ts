import type { Section } from '../lib/report-types'

// Placeholder until the section is written: a run that reaches it fails rather than reporting nothing.
export const api: Section = {
  id: 'api',
  title: 'API latency',
  run: async () => {
    throw new Error('section api is not written yet')
  }
}
