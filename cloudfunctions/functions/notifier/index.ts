import { notifierEntry } from '../_shared/cloud-entry'

// Timer-triggered (config.json): the outbox to WeChat subscribe messages.
export const main = notifierEntry()
