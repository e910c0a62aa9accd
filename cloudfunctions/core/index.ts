export * from './routing/category-route'
export * from './problems/number'
