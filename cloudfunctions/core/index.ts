export * from './routing/category-route'
export * from './problems/number'
export * from './calendar'
export * from './problems/flow'
