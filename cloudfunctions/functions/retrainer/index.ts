import { retrainerEntry } from '../_shared/cloud-entry'

// Timer-triggered (config.json): rebuild the routing model from what 退单/转办 taught it.
export const main = retrainerEntry()
