import type { Handlers } from '../index'
import { AppError } from '../../errors'

const todo = async (): Promise<never> => {
  throw new AppError('UNAVAILABLE', '功能建设中')
}

// PLACEHOLDER: replaced by the real handlers
export const directory: Pick<Handlers['pairings'], 'list' | 'get'> = {
  list: todo,
  get: todo,
}
