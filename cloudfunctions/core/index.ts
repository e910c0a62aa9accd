export * from './routing'
export * from './problems/number'
export * from './calendar'
export * from './problems/flow'
