export * from './days'
export * from './statutory'
export * from './calendar'
