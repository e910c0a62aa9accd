import { activities } from './activities'
import { directory } from './directory'
import { oversight } from './oversight'
import { plans } from './plans'

export const pairings = { ...directory, ...activities, ...plans, ...oversight }
