import type { Section } from '../lib/report-types'

// Placeholder until the section is written: a run that reaches it fails rather than reporting nothing.
export const routing: Section = {
  id: 'routing',
  title: 'Routing engine',
  run: async () => {
    throw new Error('section routing is not written yet')
  }
}
