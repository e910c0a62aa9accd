import { sweeperEntry } from '../_shared/cloud-entry'

// Timer-triggered (config.json): 督办 of missed deadlines.
export const main = sweeperEntry()
