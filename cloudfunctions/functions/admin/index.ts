import { cloudEntry } from '../_shared/cloud-entry'

export const main = cloudEntry('admin')
