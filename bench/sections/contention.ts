import type { Section } from '../lib/report-types'

// Placeholder until the section is written: a run that reaches it fails rather than reporting nothing.
export const contention: Section = {
  id: 'contention',
  title: 'Booking contention',
  run: async () => {
    throw new Error('section contention is not written yet')
  }
}
