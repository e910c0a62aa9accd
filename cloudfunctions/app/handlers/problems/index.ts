import { act } from './act'
import { chainBoard, merge, similar, vote } from './chain'
import { file } from './file'
import { get, inbox, list, mine, triage } from './read'

export const problems = { file, mine, get, inbox, act, triage, list, chainBoard, vote, similar, merge }
