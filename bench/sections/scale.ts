import type { Section } from '../lib/report-types'

// Placeholder until the section is written: a run that reaches it fails rather than reporting nothing.
export const scale: Section = {
  id: 'scale',
  title: 'Scale',
  run: async () => {
    throw new Error('section scale is not written yet')
  }
}
