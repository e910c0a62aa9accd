import type { Section } from '../lib/report-types'

// Placeholder until the section is written: a run that reaches it fails rather than reporting nothing.
export const weight: Section = {
  id: 'weight',
  title: 'Mini program and H5 weight',
  run: async () => {
    throw new Error('section weight is not written yet')
  }
}
