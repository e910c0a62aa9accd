import type { Handlers } from '../index'
import { AppError } from '../../errors'

const todo = async (): Promise<never> => {
  throw new AppError('UNAVAILABLE', '功能建设中')
}

// PLACEHOLDER: replaced by the real handlers
export const activities: Pick<Handlers['pairings'], 'activities' | 'activity' | 'postActivity' | 'attendanceCode' | 'attend' | 'raiseProblem'> = {
  activities: todo,
  activity: todo,
  postActivity: todo,
  attendanceCode: todo,
  attend: todo,
  raiseProblem: todo,
}
